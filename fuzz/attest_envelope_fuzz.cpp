// libFuzzer target for DSSE envelopes and Sigstore bundles (attest/envelope, attest/bundle): the
// reader, then the statement reader on the payload and a verification with a fixed key, as
// `kaiyuan verify-attestation` runs them on untrusted input; and the same bytes as a signing
// service log entry with its proof (attest/log_entry, `kaiyuan verify-log-entry`).
#include "kaiyuan/attest/bundle.hpp"
#include "kaiyuan/attest/log_entry.hpp"
#include "kaiyuan/attest/verify.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kaiyuan::attest;
    static const Key key = std::move(*Key::generate(*parse_key_spec("ecdsa-p256")));
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)verify_log_entry(text, LogEntryCheck{});
    auto bundle = read_envelope_or_bundle(text);
    if (!bundle) return 0;
    (void)read_statement(bundle->envelope.payload);
    (void)verify_attestation(bundle->envelope, {&key}, AttestationCheck{});
    (void)write_envelope(bundle->envelope);
    return 0;
}
