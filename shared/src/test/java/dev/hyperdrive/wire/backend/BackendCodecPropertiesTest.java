package dev.hyperdrive.wire.backend;

import static dev.hyperdrive.wire.backend.BackendBytes.decodeAtOffset;
import static dev.hyperdrive.wire.backend.BackendBytes.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.ProtocolException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BackendCodecPropertiesTest {

  @Provide
  Arbitrary<BackendMessage> anyMessage() {
    return BackendMessageArbitraries.anyMessage();
  }

  @Property(tries = 3000)
  void decodingAnEncodedMessageGivesTheSameMessageAndTheSameBytes(
      @ForAll("anyMessage") BackendMessage message, @ForAll @IntRange(max = 16) int offset) throws ProtocolException {
    byte[] frame = encode(message);

    BackendMessage decoded = decodeAtOffset(frame, offset);

    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.hashCode()).isEqualTo(message.hashCode());
    assertThat(encode(decoded)).isEqualTo(frame);
  }

  /** A message type added to the sealed hierarchy without a generator would silently escape the property above. */
  @Example
  void theGeneratorCoversEveryBackendMessageType() {
    Set<Class<?>> generated = anyMessage().sampleStream().limit(20_000)
        .map(Object::getClass)
        .collect(Collectors.toSet());

    assertThat(generated).containsExactlyInAnyOrderElementsOf(concreteTypes(BackendMessage.class));
  }

  private static Set<Class<?>> concreteTypes(Class<?> sealedRoot) {
    Set<Class<?>> concrete = new HashSet<>();
    Deque<Class<?>> pending = new ArrayDeque<>(Set.of(sealedRoot));
    while (!pending.isEmpty()) {
      Class<?> type = pending.pop();
      if (type.isSealed()) {
        pending.addAll(Set.of(type.getPermittedSubclasses()));
      } else {
        concrete.add(type);
      }
    }
    return concrete;
  }
}
