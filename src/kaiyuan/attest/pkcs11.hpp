#pragma once
/// Keys in a PKCS#11 token (an HSM, a smart card, SoftHSM2), addressed by a PKCS#11 URI
/// (RFC 7512):
/// `pkcs11:token=release;object=signing-key?module-path=/usr/lib/softhsm/libsofthsm2.so`. The
/// private key never leaves the token: the token signs (CKM_ECDSA over the digest kaiyuan computes,
/// CKM_SHA256_RSA_PKCS_PSS, CKM_EDDSA) and kaiyuan reads only the public key object.
///
/// Module: the URI's module-path, else $KAIYUAN_PKCS11_MODULE, else p11-kit's proxy (every module
/// registered with p11-kit). PIN: the URI's pin-value or pin-source (a file), else
/// $KAIYUAN_PKCS11_PIN, else the prompt.
#include "kaiyuan/attest/signer.hpp"

#include <map>
#include <string>

namespace kaiyuan::attest {

struct Pkcs11Uri {
    std::map<std::string, std::string> path;  ///< token, object, id (raw bytes), type, ...
    std::map<std::string, std::string> query; ///< pin-value, pin-source, module-path, ...
};

/// Parses an RFC 7512 URI: `pkcs11:` path attributes separated by ';', then '?' and query
/// attributes separated by '&'; values percent-decoded. Fails on a malformed URI, a duplicated
/// attribute or an unknown path attribute (RFC 7512 2.3: unknown ones must not be ignored).
Result<Pkcs11Uri> parse_pkcs11_uri(std::string_view uri);

Result<std::unique_ptr<Signer>> open_pkcs11_signer(const std::string& uri,
                                                   const SecretPrompt& prompt);

} // namespace kaiyuan::attest
