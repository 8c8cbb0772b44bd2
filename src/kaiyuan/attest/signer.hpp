#pragma once
/// Whatever signs: a private key read from a file, or a key that never leaves a PKCS#11 token
/// (pkcs11.hpp). Both sign exactly as Key::sign does, so one verifier checks both.
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/secret.hpp"

#include <functional>
#include <memory>
#include <string>

namespace kaiyuan::attest {

class Signer {
public:
    virtual ~Signer() = default;
    /// The public half (for key ids, bundles and certificates).
    virtual const Key& public_key() const = 0;
    virtual Result<std::string> sign(std::string_view data) const = 0;
    /// The signature of a message given by its digest (Key::sign_digest).
    virtual Result<std::string> sign_digest(std::string_view digest) const = 0;
    /// What the key was opened from ("release.key", "pkcs11:token=...;object=...").
    virtual std::string describe() const = 0;
};

/// Asked for a passphrase or PIN only when one is needed (an encrypted key, a token login).
using SecretPrompt = std::function<Result<Secret>(std::string_view what)>;

/// A PEM private key file, its passphrase asked through `prompt` only when it is encrypted.
Result<Key> read_private_key(const std::string& path, const SecretPrompt& prompt);

/// Opens `reference`: a `pkcs11:` URI (RFC 7512) or the path of a PEM private key.
Result<std::unique_ptr<Signer>> open_signer(const std::string& reference,
                                            const SecretPrompt& prompt);

} // namespace kaiyuan::attest
