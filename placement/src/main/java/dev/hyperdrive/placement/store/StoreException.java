package dev.hyperdrive.placement.store;

/** The registry could not be read or written: disk full, permissions, a corrupt record file. */
public final class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
