#include "kaiyuan/attest/pkcs11.hpp"

#include <p11-kit/pkcs11.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <optional>
#include <vector>

namespace kaiyuan::attest {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Result<std::string> percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size() || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0)
            return fail("bad percent-encoding in \"" + std::string(s) + "\"");
        out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
        i += 2;
    }
    return out;
}

Result<void> split_attributes(std::string_view text, char separator,
                              std::map<std::string, std::string>& into, bool path) {
    // RFC 7512 2.3: pk11-path-attr-name; vendor attributes start with "x-".
    static constexpr std::array<std::string_view, 11> k_path_names{"token",
                                                                   "manufacturer",
                                                                   "serial",
                                                                   "model",
                                                                   "library-manufacturer",
                                                                   "library-description",
                                                                   "library-version",
                                                                   "object",
                                                                   "type",
                                                                   "id",
                                                                   "slot-id"};
    while (!text.empty()) {
        auto end = text.find(separator);
        std::string_view attr = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (attr.empty()) continue;
        auto eq = attr.find('=');
        if (eq == std::string_view::npos || eq == 0)
            return fail("attribute \"" + std::string(attr) + "\" is not name=value");
        std::string name(attr.substr(0, eq));
        if (path && !name.starts_with("x-") && !name.starts_with("slot-") &&
            std::find(k_path_names.begin(), k_path_names.end(), name) == k_path_names.end())
            return fail("unknown path attribute \"" + name + "\"");
        auto value = percent_decode(attr.substr(eq + 1));
        if (!value) return unexpected(value.error());
        if (!into.emplace(name, std::move(*value)).second)
            return fail("attribute \"" + name + "\" given twice");
    }
    return {};
}

std::string rv_text(CK_RV rv) {
    switch (rv) {
    case CKR_PIN_INCORRECT:
        return "incorrect PIN (CKR_PIN_INCORRECT)";
    case CKR_PIN_LOCKED:
        return "PIN locked (CKR_PIN_LOCKED)";
    case CKR_TOKEN_NOT_PRESENT:
        return "token not present";
    case CKR_MECHANISM_INVALID:
        return "the token does not offer this signature mechanism (CKR_MECHANISM_INVALID)";
    case CKR_KEY_TYPE_INCONSISTENT:
        return "key type inconsistent with the mechanism";
    default: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "CKR 0x%lx", static_cast<unsigned long>(rv));
        return buf;
    }
    }
}

/// Label fields of CK_TOKEN_INFO are blank-padded, not NUL-terminated.
std::string padded(const unsigned char* field, std::size_t size) {
    std::string s(reinterpret_cast<const char*>(field), size);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    return s;
}

class Module {
public:
    // The module stays loaded after C_Finalize: not every module can be unloaded safely (threads
    // and atexit handlers of their own), and tools such as LeakSanitizer then still see which
    // library a token's own allocations came from.
    ~Module() {
        if (m_functions && m_initialized) m_functions->C_Finalize(nullptr);
    }
    Result<void> load(const std::string& path) {
        m_handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!m_handle) return fail("cannot load PKCS#11 module " + path + ": " + ::dlerror());
        auto get = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(m_handle, "C_GetFunctionList"));
        if (!get || get(&m_functions) != CKR_OK || !m_functions)
            return fail(path + " is not a PKCS#11 module (no C_GetFunctionList)");
        CK_RV rv = m_functions->C_Initialize(nullptr);
        if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED)
            return fail("C_Initialize: " + rv_text(rv));
        m_initialized = rv == CKR_OK;
        return {};
    }
    CK_FUNCTION_LIST* f() const { return m_functions; }

private:
    void* m_handle = nullptr;
    CK_FUNCTION_LIST* m_functions = nullptr;
    bool m_initialized = false;
};

Result<std::string> attribute(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o,
                              CK_ATTRIBUTE_TYPE type) {
    CK_ATTRIBUTE a{type, nullptr, 0};
    if (f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK || a.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return fail("attribute unavailable");
    std::string value(a.ulValueLen, '\0');
    a.pValue = value.data();
    if (f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK) return fail("attribute unavailable");
    value.resize(a.ulValueLen);
    return value;
}

/// The one object of `cls` matching the URI's object label and id.
Result<CK_OBJECT_HANDLE> find_object(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s, CK_OBJECT_CLASS cls,
                                     const Pkcs11Uri& uri) {
    std::vector<CK_ATTRIBUTE> tmpl;
    tmpl.push_back({CKA_CLASS, &cls, sizeof cls});
    std::string label, id;
    if (auto it = uri.path.find("object"); it != uri.path.end()) {
        label = it->second;
        tmpl.push_back({CKA_LABEL, label.data(), label.size()});
    }
    if (auto it = uri.path.find("id"); it != uri.path.end()) {
        id = it->second;
        tmpl.push_back({CKA_ID, id.data(), id.size()});
    }
    if (f->C_FindObjectsInit(s, tmpl.data(), tmpl.size()) != CKR_OK)
        return fail("C_FindObjectsInit failed");
    CK_OBJECT_HANDLE found[2];
    CK_ULONG count = 0;
    f->C_FindObjects(s, found, 2, &count);
    f->C_FindObjectsFinal(s);
    const char* what = cls == CKO_PRIVATE_KEY ? "private key" : "public key";
    if (count == 0) return fail(std::string("no ") + what + " object matches the URI");
    if (count > 1)
        return fail(std::string("several ") + what + " objects match the URI: give object= or id=");
    return found[0];
}

/// The EVP public key of the token's public key object.
Result<Key> public_key_of(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE pub) {
    auto key_type_bytes = attribute(f, s, pub, CKA_KEY_TYPE);
    if (!key_type_bytes || key_type_bytes->size() != sizeof(CK_KEY_TYPE))
        return fail("the public key object has no key type");
    CK_KEY_TYPE key_type;
    std::memcpy(&key_type, key_type_bytes->data(), sizeof key_type);
    if (key_type == CKK_RSA) {
        auto n = attribute(f, s, pub, CKA_MODULUS);
        auto e = attribute(f, s, pub, CKA_PUBLIC_EXPONENT);
        if (!n || !e) return fail("the RSA public key has no modulus or exponent");
        BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                                 static_cast<int>(n->size()), nullptr);
        BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                                 static_cast<int>(e->size()), nullptr);
        OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
        OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
        EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
        EVP_PKEY* pkey = nullptr;
        if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
            EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
        EVP_PKEY_CTX_free(ctx);
        OSSL_PARAM_free(params);
        OSSL_PARAM_BLD_free(bld);
        BN_free(bn_n);
        BN_free(bn_e);
        if (!pkey) return fail("the RSA public key cannot be read");
        return Key::adopt(pkey, false);
    }
    if (key_type != CKK_EC && key_type != CKK_EC_EDWARDS)
        return fail("the token key is neither RSA, EC nor EdDSA");
    auto params = attribute(f, s, pub, CKA_EC_PARAMS);
    auto point = attribute(f, s, pub, CKA_EC_POINT);
    if (!params || !point) return fail("the EC public key has no parameters or point");
    // CKA_EC_POINT is a DER OCTET STRING around the point (PKCS#11 3.0 2.3.3); some tokens
    // give the bare point.
    std::string raw = *point;
    if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x04) {
        const unsigned char* p = reinterpret_cast<const unsigned char*>(raw.data());
        ASN1_OCTET_STRING* os = d2i_ASN1_OCTET_STRING(nullptr, &p, static_cast<long>(raw.size()));
        if (os && p == reinterpret_cast<const unsigned char*>(raw.data()) + raw.size())
            raw.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(os)),
                       static_cast<std::size_t>(ASN1_STRING_length(os)));
        ASN1_OCTET_STRING_free(os);
    }
    // CKA_EC_PARAMS: the DER OID of the curve (or the PrintableString "edwards25519").
    const unsigned char* p = reinterpret_cast<const unsigned char*>(params->data());
    ASN1_OBJECT* oid = d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(params->size()));
    int nid = oid ? OBJ_obj2nid(oid) : NID_undef;
    ASN1_OBJECT_free(oid);
    if (key_type == CKK_EC_EDWARDS || nid == NID_ED25519 ||
        params->find("edwards25519") != std::string::npos) {
        EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()),
            raw.size());
        if (!pkey) return fail("the Ed25519 public key cannot be read");
        return Key::adopt(pkey, false);
    }
    const char* group = nid == NID_X9_62_prime256v1 ? "P-256"
                        : nid == NID_secp384r1      ? "P-384"
                                                    : nullptr;
    if (!group) return fail("the token key's curve is neither P-256 nor P-384");
    OSSL_PARAM ossl_params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, raw.data(), raw.size()),
        OSSL_PARAM_construct_end()};
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* pkey = nullptr;
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, ossl_params);
    EVP_PKEY_CTX_free(ctx);
    if (!pkey) return fail("the EC public key cannot be read");
    return Key::adopt(pkey, false);
}

std::string digest(const EVP_MD* md, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
    return std::string(reinterpret_cast<char*>(out), len);
}

class Pkcs11Signer final : public Signer {
public:
    Pkcs11Signer(std::unique_ptr<Module> module, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE key,
                 Key pub, std::string uri)
        : m_module(std::move(module)), m_session(session), m_key(key), m_public(std::move(pub)),
          m_uri(std::move(uri)) {}
    ~Pkcs11Signer() override { m_module->f()->C_CloseSession(m_session); }
    const Key& public_key() const override { return m_public; }
    std::string describe() const override { return m_uri; }

    Result<std::string> sign(std::string_view data) const override {
        return token_sign(data, false);
    }

    Result<std::string> sign_digest(std::string_view digest) const override {
        if (m_public.type() == KeyType::ed25519)
            return fail("an Ed25519 key signs whole messages, not digests: sign a statement");
        std::size_t want = m_public.type() == KeyType::ecdsa_p384 ? 48 : 32;
        if (digest.size() != want)
            return fail("a " + std::string(m_public.digest_algorithm()) + " digest has " +
                        std::to_string(want) + " bytes");
        return token_sign(digest, true);
    }

private:
    /// Signs `data` (or, with `prehashed`, the digest of the message) on the token.
    Result<std::string> token_sign(std::string_view data, bool prehashed) const {
        CK_MECHANISM mech{};
        std::string input;
        CK_RSA_PKCS_PSS_PARAMS pss{CKM_SHA256, CKG_MGF1_SHA256, 32};
        switch (m_public.type()) {
        case KeyType::ed25519:
            mech.mechanism = CKM_EDDSA;
            input = std::string(data);
            break;
        case KeyType::ecdsa_p256:
            mech.mechanism = CKM_ECDSA;
            input = prehashed ? std::string(data) : digest(EVP_sha256(), data);
            break;
        case KeyType::ecdsa_p384:
            mech.mechanism = CKM_ECDSA;
            input = prehashed ? std::string(data) : digest(EVP_sha384(), data);
            break;
        case KeyType::rsa:
            mech.mechanism = prehashed ? CKM_RSA_PKCS_PSS : CKM_SHA256_RSA_PKCS_PSS;
            mech.pParameter = &pss;
            mech.ulParameterLen = sizeof pss;
            input = std::string(data);
            break;
        }
        // One operation at a time per session (PKCS#11 5.1: sessions are not re-entrant).
        std::lock_guard lock(m_mutex);
        CK_FUNCTION_LIST* f = m_module->f();
        CK_RV rv = f->C_SignInit(m_session, &mech, m_key);
        if (rv != CKR_OK) return fail(m_uri + ": C_SignInit: " + rv_text(rv));
        CK_ULONG len = 0;
        auto* in = reinterpret_cast<unsigned char*>(input.data());
        rv = f->C_Sign(m_session, in, input.size(), nullptr, &len);
        if (rv != CKR_OK) return fail(m_uri + ": C_Sign: " + rv_text(rv));
        std::string sig(len, '\0');
        rv = f->C_Sign(m_session, in, input.size(), reinterpret_cast<unsigned char*>(sig.data()),
                       &len);
        if (rv != CKR_OK) return fail(m_uri + ": C_Sign: " + rv_text(rv));
        sig.resize(len);
        if (m_public.type() == KeyType::ecdsa_p256 || m_public.type() == KeyType::ecdsa_p384)
            // Tokens return r||s; envelopes carry DER as OpenSSL writes it.
            sig = raw_ecdsa_to_der(sig, m_public.type() == KeyType::ecdsa_p256 ? 32 : 48);
        // A token whose public object is not the private key's pair would sign unverifiably.
        if (!prehashed && !m_public.verify(data, sig))
            return fail(m_uri +
                        ": the token's signature does not verify with its public key object");
        return sig;
    }

    std::unique_ptr<Module> m_module;
    CK_SESSION_HANDLE m_session;
    CK_OBJECT_HANDLE m_key;
    Key m_public;
    std::string m_uri;
    mutable std::mutex m_mutex;
};

bool token_matches(const CK_TOKEN_INFO& info, const Pkcs11Uri& uri) {
    auto check = [&](const char* name, const unsigned char* field, std::size_t size) {
        auto it = uri.path.find(name);
        return it == uri.path.end() || padded(field, size) == it->second;
    };
    return check("token", info.label, sizeof info.label) &&
           check("manufacturer", info.manufacturerID, sizeof info.manufacturerID) &&
           check("serial", info.serialNumber, sizeof info.serialNumber) &&
           check("model", info.model, sizeof info.model);
}

} // namespace

Result<Pkcs11Uri> parse_pkcs11_uri(std::string_view uri) {
    if (!uri.starts_with("pkcs11:")) return fail("not a PKCS#11 URI (pkcs11:...)");
    uri.remove_prefix(7);
    Pkcs11Uri out;
    auto q = uri.find('?');
    auto path = split_attributes(uri.substr(0, q), ';', out.path, true);
    if (!path) return fail("PKCS#11 URI: " + path.error().message);
    if (q != std::string_view::npos) {
        auto query = split_attributes(uri.substr(q + 1), '&', out.query, false);
        if (!query) return fail("PKCS#11 URI: " + query.error().message);
    }
    if (auto it = out.path.find("type"); it != out.path.end() && it->second != "private")
        return fail("PKCS#11 URI: type=" + it->second + " cannot sign (type=private)");
    return out;
}

Result<std::unique_ptr<Signer>> open_pkcs11_signer(const std::string& text,
                                                   const SecretPrompt& prompt) {
    auto uri = parse_pkcs11_uri(text);
    if (!uri) return unexpected(uri.error());
    std::string module_path = "p11-kit-proxy.so";
    if (auto it = uri->query.find("module-path"); it != uri->query.end())
        module_path = it->second;
    else if (const char* env = std::getenv("KAIYUAN_PKCS11_MODULE"))
        module_path = env;
    auto module = std::make_unique<Module>();
    if (auto loaded = module->load(module_path); !loaded) return unexpected(loaded.error());
    CK_FUNCTION_LIST* f = module->f();

    CK_ULONG count = 0;
    if (f->C_GetSlotList(CK_TRUE, nullptr, &count) != CKR_OK) return fail("C_GetSlotList failed");
    std::vector<CK_SLOT_ID> slots(count);
    if (count && f->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK)
        return fail("C_GetSlotList failed");
    slots.resize(count);
    std::optional<CK_SLOT_ID> slot;
    CK_TOKEN_INFO token{};
    for (CK_SLOT_ID id : slots) {
        if (auto it = uri->path.find("slot-id");
            it != uri->path.end() && it->second != std::to_string(id))
            continue;
        CK_TOKEN_INFO info{};
        if (f->C_GetTokenInfo(id, &info) != CKR_OK || !token_matches(info, *uri)) continue;
        if (slot) return fail(text + ": several tokens match; add token= or serial=");
        slot = id;
        token = info;
    }
    if (!slot) return fail(text + ": no token matches (module " + module_path + ")");

    CK_SESSION_HANDLE session = 0;
    CK_RV rv = f->C_OpenSession(*slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session);
    if (rv != CKR_OK) return fail(text + ": C_OpenSession: " + rv_text(rv));
    auto close = [&] { f->C_CloseSession(session); };
    if (token.flags & CKF_LOGIN_REQUIRED) {
        Secret pin;
        if (auto it = uri->query.find("pin-value"); it != uri->query.end()) {
            pin = Secret(it->second);
        } else if (auto src = uri->query.find("pin-source"); src != uri->query.end()) {
            std::string path =
                src->second.starts_with("file:") ? src->second.substr(5) : src->second;
            auto file = read_secret_file(path);
            if (!file) return close(), unexpected(file.error());
            std::string value(file->view());
            while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
                value.pop_back();
            pin = Secret(std::move(value));
        } else if (const char* env = std::getenv("KAIYUAN_PKCS11_PIN")) {
            pin = Secret(std::string(env));
        } else if (prompt) {
            auto got = prompt("PIN for token " + padded(token.label, sizeof token.label) + ": ");
            if (!got) return close(), unexpected(got.error());
            pin = std::move(*got);
        }
        std::string pin_bytes(pin.view());
        rv = f->C_Login(session, CKU_USER, reinterpret_cast<unsigned char*>(pin_bytes.data()),
                        pin_bytes.size());
        OPENSSL_cleanse(pin_bytes.data(), pin_bytes.size());
        if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
            return close(), fail(text + ": login: " + rv_text(rv));
    }
    auto priv = find_object(f, session, CKO_PRIVATE_KEY, *uri);
    if (!priv) return close(), fail(text + ": " + priv.error().message);
    auto pub_object = find_object(f, session, CKO_PUBLIC_KEY, *uri);
    if (!pub_object) return close(), fail(text + ": " + pub_object.error().message);
    auto pub = public_key_of(f, session, *pub_object);
    if (!pub) return close(), fail(text + ": " + pub.error().message);
    return std::unique_ptr<Signer>(
        new Pkcs11Signer(std::move(module), session, *priv, std::move(*pub), text));
}

} // namespace kaiyuan::attest
