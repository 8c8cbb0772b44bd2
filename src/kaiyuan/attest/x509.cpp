#include "kaiyuan/attest/x509.hpp"

#include "kaiyuan/util/random.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace kaiyuan::attest {

namespace {

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr from_der(std::string_view der) {
    auto* p = reinterpret_cast<const unsigned char*>(der.data());
    return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

std::string to_der(X509* x) {
    unsigned char* der = nullptr;
    int n = i2d_X509(x, &der);
    if (n <= 0) return {};
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return out;
}

bool add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) return false;
    bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

Result<void> set_subject(X509_NAME* name, std::string_view subject) {
    std::size_t start = 0;
    while (start < subject.size()) {
        auto comma = subject.find(',', start);
        std::string_view rdn = subject.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        start = comma == std::string_view::npos ? subject.size() : comma + 1;
        while (!rdn.empty() && rdn.front() == ' ')
            rdn.remove_prefix(1);
        auto eq = rdn.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return fail("subject \"" + std::string(subject) +
                        "\": expected TYPE=value parts (CN=name,O=org)");
        std::string field(rdn.substr(0, eq));
        std::string value(rdn.substr(eq + 1));
        if (!X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                        reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                                        -1, 0))
            return fail("subject: unknown attribute type " + field);
    }
    if (X509_NAME_entry_count(name) == 0) return fail("empty certificate subject");
    return {};
}

} // namespace

Result<std::vector<std::string>> read_certificates_pem(std::string_view pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    std::vector<std::string> out;
    while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        out.push_back(to_der(x));
        X509_free(x);
    }
    ERR_clear_error(); // the end of the text reads as an error
    if (out.empty()) return fail("no PEM certificate (\"BEGIN CERTIFICATE\" block) found");
    return out;
}

std::string certificate_pem(std::string_view der) {
    X509Ptr x = from_der(der);
    if (!x) return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(bio.get(), x.get());
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n > 0 ? n : 0));
}

Result<Key> certificate_key(std::string_view der) {
    X509Ptr x = from_der(der);
    if (!x) return fail("not a DER certificate");
    EVP_PKEY* pkey = X509_get_pubkey(x.get());
    if (!pkey) return fail("the certificate's public key cannot be read");
    return Key::adopt(pkey, false);
}

std::string certificate_subject(std::string_view der) {
    X509Ptr x = from_der(der);
    if (!x) return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(x.get()), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n > 0 ? n : 0));
}

Result<void> verify_code_signing_chain(const std::vector<std::string>& chain,
                                       std::string_view roots_pem, std::optional<std::time_t> at) {
    if (chain.empty()) return fail("no certificate to verify");
    auto roots = read_certificates_pem(roots_pem);
    if (!roots) return fail("--ca: " + roots.error().message);
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(),
                                                                  X509_STORE_free);
    for (const auto& der : *roots) {
        X509Ptr root = from_der(der);
        if (!root || X509_STORE_add_cert(store.get(), root.get()) != 1)
            return fail("--ca: a root certificate cannot be used");
    }
    X509Ptr leaf = from_der(chain.front());
    if (!leaf) return fail("the signing certificate is not a DER certificate");
    std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> untrusted(
        sk_X509_new_null(), [](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); });
    for (std::size_t i = 1; i < chain.size(); ++i) {
        X509Ptr x = from_der(chain[i]);
        if (!x) return fail("certificate " + std::to_string(i + 1) + " of the chain is broken");
        sk_X509_push(untrusted.get(), x.release());
    }
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                        X509_STORE_CTX_free);
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) != 1)
        return fail("cannot set up certificate verification");
    if (at) X509_STORE_CTX_set_time(ctx.get(), 0, *at);
    if (X509_verify_cert(ctx.get()) != 1) {
        int err = X509_STORE_CTX_get_error(ctx.get());
        int depth = X509_STORE_CTX_get_error_depth(ctx.get());
        return fail(
            "certificate " +
            std::string(depth == 0 ? "of the signer" : "at depth " + std::to_string(depth)) + ": " +
            X509_verify_cert_error_string(err));
    }
    // Code signing: the leaf must say so (RFC 5280 4.2.1.12 id-kp-codeSigning), and when it
    // restricts key usage, allow digital signatures (4.2.1.3).
    std::uint32_t eku = X509_get_extended_key_usage(leaf.get());
    if (!(X509_get_extension_flags(leaf.get()) & EXFLAG_XKUSAGE) || !(eku & XKU_CODE_SIGN))
        return fail(
            "the signer's certificate is not for code signing (no codeSigning extended key usage)");
    if ((X509_get_extension_flags(leaf.get()) & EXFLAG_KUSAGE) &&
        !(X509_get_key_usage(leaf.get()) & KU_DIGITAL_SIGNATURE))
        return fail("the signer's certificate does not allow digital signatures (key usage)");
    return {};
}

Result<std::string> issue_certificate(const Key& subject_key, const Key& issuer_key,
                                      std::string_view issuer_cert_der,
                                      const CertificateRequest& request) {
    if (!issuer_key.is_private()) return fail("the issuer key must be a private key");
    X509Ptr cert(X509_new());
    X509Ptr issuer;
    if (!issuer_cert_der.empty()) {
        issuer = from_der(issuer_cert_der);
        if (!issuer) return fail("the CA certificate is broken");
        EVP_PKEY* ca_pub = X509_get0_pubkey(issuer.get());
        if (!ca_pub || EVP_PKEY_eq(ca_pub, issuer_key.native()) != 1)
            return fail("the CA key does not belong to the CA certificate");
    } else if (!subject_key.same_public_key(issuer_key)) {
        return fail("a self-signed certificate is signed by its own key");
    }
    X509_set_version(cert.get(), 2);
    std::string serial = util::random_bytes(16);
    serial[0] = static_cast<char>(serial[0] & 0x7f); // positive (RFC 5280 4.1.2.2)
    BIGNUM* bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), 16, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300);
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), request.days, 0, nullptr);
    X509_set_pubkey(cert.get(), subject_key.native());
    if (auto ok = set_subject(X509_get_subject_name(cert.get()), request.subject); !ok)
        return unexpected(ok.error());
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer.get())
                                            : X509_get_subject_name(cert.get()));
    X509* issuer_for_ext = issuer ? issuer.get() : cert.get();
    bool ok =
        add_extension(cert.get(), issuer_for_ext, NID_subject_key_identifier, "hash") &&
        add_extension(cert.get(), issuer_for_ext, NID_authority_key_identifier, "keyid:always");
    if (request.is_ca)
        ok = ok &&
             add_extension(cert.get(), issuer_for_ext, NID_basic_constraints, "critical,CA:TRUE") &&
             add_extension(cert.get(), issuer_for_ext, NID_key_usage,
                           "critical,keyCertSign,cRLSign");
    else
        ok =
            ok &&
            add_extension(cert.get(), issuer_for_ext, NID_basic_constraints, "critical,CA:FALSE") &&
            add_extension(cert.get(), issuer_for_ext, NID_key_usage, "critical,digitalSignature") &&
            add_extension(cert.get(), issuer_for_ext, NID_ext_key_usage, "codeSigning");
    if (ok && !request.email.empty())
        ok = add_extension(cert.get(), issuer_for_ext, NID_subject_alt_name,
                           ("email:" + request.email).c_str());
    if (!ok) return fail("cannot add certificate extensions: " + openssl_error("X509V3"));
    // Ed25519 signs without a separate digest; the others with SHA-256 (SHA-384 for P-384).
    const EVP_MD* md = issuer_key.type() == KeyType::ed25519      ? nullptr
                       : issuer_key.type() == KeyType::ecdsa_p384 ? EVP_sha384()
                                                                  : EVP_sha256();
    if (X509_sign(cert.get(), issuer_key.native(), md) <= 0)
        return fail("cannot sign the certificate: " + openssl_error("X509_sign"));
    return to_der(cert.get());
}

} // namespace kaiyuan::attest
