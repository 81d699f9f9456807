package dev.hyperdrive.deploy;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven wrote into the deploy jar's manifest. */
final class LauncherVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return new String[] {"hyperdrive " + (version == null ? "(development build, no jar manifest)" : version)};
    }
}
