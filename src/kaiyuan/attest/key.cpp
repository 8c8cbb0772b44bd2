#include "kaiyuan/attest/key.hpp"

#include "kaiyuan/util/hash.hpp"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <climits>
#include <cstring>
#include <utility>

namespace kaiyuan::attest {

namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, CtxFree>;
struct SigFree {
    void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

BioPtr memory_bio(std::string_view text) {
    return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

/// The type of key this module signs with, or none (DSA, X25519, brainpool curves, ...).
std::optional<KeyType> classify(EVP_PKEY* pkey) {
    switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_ED25519:
        return KeyType::ed25519;
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return KeyType::rsa;
    case EVP_PKEY_EC: {
        char curve[64] = {};
        size_t len = 0;
        if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve,
                                            &len))
            return std::nullopt;
        std::string_view name(curve, len);
        if (name == "prime256v1" || name == "P-256") return KeyType::ecdsa_p256;
        if (name == "secp384r1" || name == "P-384") return KeyType::ecdsa_p384;
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

const EVP_MD* digest_for(KeyType type) {
    switch (type) {
    case KeyType::ed25519:
        return nullptr; // pure Ed25519 hashes internally
    case KeyType::ecdsa_p384:
        return EVP_sha384();
    case KeyType::ecdsa_p256:
    case KeyType::rsa:
        return EVP_sha256();
    }
    return nullptr;
}

int pem_passphrase(char* buf, int size, int /*rwflag*/, void* user) {
    auto* pass = static_cast<std::string_view*>(user);
    if (!pass || pass->empty() || pass->size() > static_cast<std::size_t>(size)) return -1;
    std::memcpy(buf, pass->data(), pass->size());
    return static_cast<int>(pass->size());
}

/// RSASSA-PSS with MGF1-SHA-256 and `salt_length` (RSA_PSS_SALTLEN_DIGEST when signing,
/// RSA_PSS_SALTLEN_AUTO when verifying) on a signing or verifying context.
bool set_rsa_pss(EVP_PKEY_CTX* pctx, int salt_length) {
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt_length) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1;
}

bool verify_with(EVP_PKEY* pkey, KeyType type, std::string_view data, std::string_view signature,
                 int rsa_padding) {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, digest_for(type), nullptr, pkey) != 1)
        return false;
    if (type == KeyType::rsa && !(rsa_padding == RSA_PKCS1_PSS_PADDING
                                      ? set_rsa_pss(pctx, RSA_PSS_SALTLEN_AUTO)
                                      : EVP_PKEY_CTX_set_rsa_padding(pctx, rsa_padding) == 1))
        return false;
    int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                              signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                              data.size());
    ERR_clear_error();
    return rc == 1;
}

} // namespace

/// An ECDSA signature as raw r||s (the form of the DSSE test vector and of PKCS#11 tokens)
/// converted to DER; empty when `raw` is not 2×`field` bytes.
std::string raw_ecdsa_to_der(std::string_view raw, std::size_t field) {
    if (raw.size() != 2 * field) return {};
    auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
    std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(field), nullptr);
    BIGNUM* s = BN_bin2bn(bytes + field, static_cast<int>(field), nullptr);
    if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char* der = nullptr;
    int n = i2d_ECDSA_SIG(sig.get(), &der);
    if (n <= 0) return {};
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return out;
}

std::string openssl_error(std::string_view fallback) {
    std::string out;
    while (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!out.empty()) out += "; ";
        // "error:1E08010C:DECODER routines::unsupported" -> keep the reason after the last ':'.
        std::string_view line(buf);
        auto colon = line.rfind(':');
        out += colon == std::string_view::npos ? line : line.substr(colon + 1);
    }
    return out.empty() ? std::string(fallback) : out;
}

std::optional<KeySpec> parse_key_spec(std::string_view name) {
    if (name == "ed25519") return KeySpec{KeyType::ed25519};
    if (name == "ecdsa-p256" || name == "ecdsa") return KeySpec{KeyType::ecdsa_p256};
    if (name == "ecdsa-p384") return KeySpec{KeyType::ecdsa_p384};
    if (name == "rsa-3072" || name == "rsa") return KeySpec{KeyType::rsa, 3072};
    if (name == "rsa-4096") return KeySpec{KeyType::rsa, 4096};
    if (name == "rsa-2048") return KeySpec{KeyType::rsa, 2048};
    return std::nullopt;
}

std::string key_type_name(KeyType type, int rsa_bits) {
    switch (type) {
    case KeyType::ed25519:
        return "ed25519";
    case KeyType::ecdsa_p256:
        return "ecdsa-p256";
    case KeyType::ecdsa_p384:
        return "ecdsa-p384";
    case KeyType::rsa:
        return rsa_bits ? "rsa-" + std::to_string(rsa_bits) : "rsa";
    }
    return "?";
}

Key::Key(Key&& other) noexcept
    : m_key(std::exchange(other.m_key, nullptr)), m_type(other.m_type), m_private(other.m_private) {
}

Key& Key::operator=(Key&& other) noexcept {
    if (this != &other) {
        EVP_PKEY_free(m_key);
        m_key = std::exchange(other.m_key, nullptr);
        m_type = other.m_type;
        m_private = other.m_private;
    }
    return *this;
}

Key::~Key() {
    EVP_PKEY_free(m_key);
}

Result<Key> Key::adopt(EVP_PKEY* pkey, bool is_private) {
    if (!pkey) return fail("no key");
    auto type = classify(pkey);
    if (!type) {
        EVP_PKEY_free(pkey);
        return fail("unsupported key type (kaiyuan signs with Ed25519, ECDSA P-256/P-384 and RSA)");
    }
    if (int bits = EVP_PKEY_get_bits(pkey); *type == KeyType::rsa && bits < 2048) {
        EVP_PKEY_free(pkey);
        return fail("RSA key of " + std::to_string(bits) + " bits is too weak (2048 or more)");
    }
    return Key(pkey, *type, is_private);
}

Result<Key> Key::generate(KeySpec spec) {
    EVP_PKEY* pkey = nullptr;
    switch (spec.type) {
    case KeyType::ed25519:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case KeyType::ecdsa_p256:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case KeyType::ecdsa_p384:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
        break;
    case KeyType::rsa:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA",
                                 static_cast<size_t>(spec.rsa_bits ? spec.rsa_bits : 3072));
        break;
    }
    if (!pkey) return fail("cannot generate a key: " + openssl_error("no entropy?"));
    return adopt(pkey, true);
}

Result<Key> Key::from_private_pem(std::string_view pem, std::string_view passphrase) {
    if (pem.size() > INT_MAX) return fail("key file too large");
    auto bio = memory_bio(pem);
    std::string_view pass = passphrase;
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, pem_passphrase, &pass);
    if (!pkey) {
        bool encrypted = pem.find("ENCRYPTED") != std::string_view::npos;
        std::string why = openssl_error("not a PEM private key");
        if (encrypted && passphrase.empty())
            return fail("the private key is encrypted: give its passphrase in "
                        "KAIYUAN_KEY_PASSPHRASE (or at the prompt)");
        if (encrypted) return fail("cannot decrypt the private key (wrong passphrase?): " + why);
        if (pem.find("PUBLIC KEY") != std::string_view::npos ||
            pem.find("CERTIFICATE") != std::string_view::npos)
            return fail("this is a public key or certificate, not a private key");
        return fail("not a PEM private key: " + why);
    }
    return adopt(pkey, true);
}

Result<Key> Key::from_public_pem(std::string_view pem) {
    if (pem.size() > INT_MAX) return fail("key file too large");
    auto bio = memory_bio(pem);
    if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
        X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        if (!cert) return fail("not a PEM certificate: " + openssl_error("unreadable"));
        EVP_PKEY* pkey = X509_get_pubkey(cert);
        X509_free(cert);
        if (!pkey) return fail("the certificate's public key cannot be read");
        return adopt(pkey, false);
    }
    EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!pkey) {
        if (pem.find("PRIVATE KEY") != std::string_view::npos)
            return fail("this is a private key; give the public key (NAME.pub)");
        return fail("not a PEM public key: " + openssl_error("no \"BEGIN PUBLIC KEY\" block"));
    }
    return adopt(pkey, false);
}

Result<Key> Key::from_public_der(std::string_view der) {
    auto* p = reinterpret_cast<const unsigned char*>(der.data());
    EVP_PKEY* pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
    if (!pkey) return fail("not a DER public key: " + openssl_error("unreadable"));
    return adopt(pkey, false);
}

int Key::rsa_bits() const {
    return m_type == KeyType::rsa ? EVP_PKEY_get_bits(m_key) : 0;
}

std::string Key::public_der() const {
    unsigned char* der = nullptr;
    int n = i2d_PUBKEY(m_key, &der);
    if (n <= 0) return {};
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return out;
}

std::string Key::public_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PUBKEY(bio.get(), m_key)) return {};
    return bio_text(bio.get());
}

Result<std::string> Key::private_pem(std::string_view passphrase) const {
    if (!m_private) return fail("not a private key");
    if (passphrase.size() > INT_MAX) return fail("passphrase too long");
    BioPtr bio(BIO_new(BIO_s_mem()));
    int ok =
        passphrase.empty()
            ? PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key, nullptr, nullptr, 0, nullptr, nullptr)
            : PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key, EVP_aes_256_cbc(), passphrase.data(),
                                            static_cast<int>(passphrase.size()), nullptr, nullptr);
    if (!ok) return fail("cannot write the private key: " + openssl_error("PEM encoding failed"));
    std::string out = bio_text(bio.get());
    // The memory BIO's buffer held the key: clear it before it is freed.
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    if (n > 0) OPENSSL_cleanse(data, static_cast<std::size_t>(n));
    return out;
}

std::string Key::key_id() const {
    return util::digest_hex(util::DigestAlgorithm::sha256, public_der());
}

Result<std::string> Key::sign(std::string_view data) const {
    if (!m_private) return fail("a public key cannot sign");
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, digest_for(m_type), nullptr, m_key) != 1)
        return fail("cannot sign: " + openssl_error("EVP_DigestSignInit"));
    if (m_type == KeyType::rsa && !set_rsa_pss(pctx, RSA_PSS_SALTLEN_DIGEST))
        return fail("cannot sign: " + openssl_error("RSA-PSS parameters"));
    size_t len = 0;
    auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes, data.size()) != 1)
        return fail("cannot sign: " + openssl_error("EVP_DigestSign"));
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes,
                       data.size()) != 1)
        return fail("cannot sign: " + openssl_error("EVP_DigestSign"));
    sig.resize(len);
    return sig;
}

bool Key::verify(std::string_view data, std::string_view signature) const {
    switch (m_type) {
    case KeyType::ed25519:
        return signature.size() == 64 && verify_with(m_key, m_type, data, signature, 0);
    case KeyType::ecdsa_p256:
    case KeyType::ecdsa_p384: {
        if (verify_with(m_key, m_type, data, signature, 0)) return true;
        std::string der = raw_ecdsa_to_der(signature, m_type == KeyType::ecdsa_p256 ? 32 : 48);
        return !der.empty() && verify_with(m_key, m_type, data, der, 0);
    }
    case KeyType::rsa:
        return verify_with(m_key, m_type, data, signature, RSA_PKCS1_PSS_PADDING) ||
               verify_with(m_key, m_type, data, signature, RSA_PKCS1_PADDING);
    }
    return false;
}

std::string_view Key::digest_algorithm() const {
    switch (m_type) {
    case KeyType::ed25519:
        return "";
    case KeyType::ecdsa_p384:
        return "sha384";
    case KeyType::ecdsa_p256:
    case KeyType::rsa:
        return "sha256";
    }
    return "";
}

Result<std::string> Key::sign_digest(std::string_view digest) const {
    if (!m_private) return fail("a public key cannot sign");
    const EVP_MD* md = digest_for(m_type);
    if (!md) return fail("an Ed25519 key signs whole messages, not digests: sign a statement");
    if (digest.size() != static_cast<std::size_t>(EVP_MD_get_size(md)))
        return fail("a " + std::string(digest_algorithm()) + " digest has " +
                    std::to_string(EVP_MD_get_size(md)) + " bytes, not " +
                    std::to_string(digest.size()));
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new(m_key, nullptr), EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1)
        return fail("cannot sign: " + openssl_error("EVP_PKEY_sign_init"));
    if (m_type == KeyType::rsa && !set_rsa_pss(ctx.get(), RSA_PSS_SALTLEN_DIGEST))
        return fail("cannot sign: " + openssl_error("RSA-PSS parameters"));
    auto* bytes = reinterpret_cast<const unsigned char*>(digest.data());
    size_t len = 0;
    if (EVP_PKEY_sign(ctx.get(), nullptr, &len, bytes, digest.size()) != 1)
        return fail("cannot sign: " + openssl_error("EVP_PKEY_sign"));
    std::string sig(len, '\0');
    if (EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes,
                      digest.size()) != 1)
        return fail("cannot sign: " + openssl_error("EVP_PKEY_sign"));
    sig.resize(len);
    return sig;
}

bool Key::same_public_key(const Key& other) const {
    return m_key && other.m_key && EVP_PKEY_eq(m_key, other.m_key) == 1;
}

} // namespace kaiyuan::attest
