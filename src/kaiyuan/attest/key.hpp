#pragma once
/// Signing keys: Ed25519, ECDSA over P-256 and P-384, RSA (OpenSSL EVP_PKEY). A key is public or
/// private; it is read from and written to PEM (PKCS#8 for private keys, optionally encrypted
/// with a passphrase; SubjectPublicKeyInfo for public keys), and signs and verifies bytes with
/// the one algorithm its type implies (docs/attest.md "Keys and algorithms"):
///   ed25519      Ed25519 (RFC 8032, pure)
///   ecdsa-p256   ECDSA with SHA-256, DER signature (raw r||s accepted when verifying)
///   ecdsa-p384   ECDSA with SHA-384, likewise
///   rsa          RSASSA-PSS with SHA-256, MGF1-SHA-256, salt of 32 bytes (RFC 8017); PKCS#1
///                v1.5 with SHA-256 accepted when verifying (cosign's RSA signatures)
#include "kaiyuan/util/error.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace kaiyuan::attest {

enum class KeyType { ed25519, ecdsa_p256, ecdsa_p384, rsa };

/// "ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-3072", "rsa-4096" -> type (and RSA bits).
struct KeySpec {
    KeyType type;
    int rsa_bits = 0;
};
std::optional<KeySpec> parse_key_spec(std::string_view name);
/// "ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-<bits>".
std::string key_type_name(KeyType type, int rsa_bits = 0);

class Key {
public:
    Key(Key&&) noexcept;
    Key& operator=(Key&&) noexcept;
    ~Key();

    /// A new private key from the CSPRNG.
    static Result<Key> generate(KeySpec spec);
    /// A PEM private key (PKCS#8, encrypted or not; traditional EC/RSA PEM too). `passphrase`
    /// is used when the key is encrypted; an encrypted key without one fails saying so.
    static Result<Key> from_private_pem(std::string_view pem, std::string_view passphrase);
    /// A SubjectPublicKeyInfo PEM public key, or the public key of a PEM certificate.
    static Result<Key> from_public_pem(std::string_view pem);
    /// A DER SubjectPublicKeyInfo.
    static Result<Key> from_public_der(std::string_view der);
    /// Takes ownership of an EVP_PKEY (private or public) that OpenSSL made elsewhere (a
    /// certificate's key); fails for a key type this module does not sign with.
    static Result<Key> adopt(EVP_PKEY* pkey, bool is_private);

    KeyType type() const { return m_type; }
    /// The modulus size of an RSA key, 0 for others.
    int rsa_bits() const;
    std::string type_name() const { return key_type_name(m_type, rsa_bits()); }
    bool is_private() const { return m_private; }

    /// SubjectPublicKeyInfo, DER and PEM.
    std::string public_der() const;
    std::string public_pem() const;
    /// PKCS#8 PEM; encrypted (AES-256-CBC, PBKDF2-HMAC-SHA256) when `passphrase` is not empty.
    Result<std::string> private_pem(std::string_view passphrase) const;
    /// Lower-case hex SHA-256 of public_der(): the key id in envelopes and in `key show`.
    std::string key_id() const;

    /// The signature of `data` (see the table above). Private keys only.
    Result<std::string> sign(std::string_view data) const;
    /// Whether `signature` is this key's signature over `data`.
    bool verify(std::string_view data, std::string_view signature) const;

    /// The digest algorithm this key signs with: "sha256" (P-256, RSA), "sha384" (P-384); ""
    /// for Ed25519, which signs whole messages only.
    std::string_view digest_algorithm() const;
    /// The signature of a message given by its digest (the signing service's "sign this hash",
    /// as signatrust does): equal in kind to sign() over the message, so that verify() of the
    /// message accepts it. Fails for Ed25519 and for a digest of the wrong size.
    Result<std::string> sign_digest(std::string_view digest) const;

    /// Whether two keys have the same public key.
    bool same_public_key(const Key& other) const;

    EVP_PKEY* native() const { return m_key; }

private:
    Key(EVP_PKEY* key, KeyType type, bool is_private)
        : m_key(key), m_type(type), m_private(is_private) {}
    EVP_PKEY* m_key = nullptr;
    KeyType m_type = KeyType::ed25519;
    bool m_private = false;
};

/// An ECDSA signature as raw r||s (the form of the DSSE test vector and of PKCS#11 tokens)
/// converted to DER; empty when `raw` is not 2×`field` bytes (32 for P-256, 48 for P-384).
std::string raw_ecdsa_to_der(std::string_view raw, std::size_t field);

/// OpenSSL's error queue as one line ("error:...: reason"), emptied; `fallback` when empty.
std::string openssl_error(std::string_view fallback);

} // namespace kaiyuan::attest
