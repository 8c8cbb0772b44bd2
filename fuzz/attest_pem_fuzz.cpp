// libFuzzer target for the PEM readers of keys and certificates (attest/key, attest/x509) and
// the PKCS#11 URI parser (attest/pkcs11): everything a user names with --key, --cert or --ca.
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/pkcs11.hpp"
#include "kaiyuan/attest/x509.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kaiyuan::attest;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto key = Key::from_public_pem(text)) (void)key->key_id();
    if (auto key = Key::from_private_pem(text, "fuzz")) (void)key->sign("x");
    (void)Key::from_public_der(text);
    if (auto certs = read_certificates_pem(text)) {
        (void)certificate_subject(certs->front());
        (void)certificate_key(certs->front());
        (void)verify_code_signing_chain(*certs, text);
    }
    (void)parse_pkcs11_uri(text);
    return 0;
}
