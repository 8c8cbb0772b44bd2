#include "kaiyuan/util/hash.hpp"

#include "kaiyuan/util/strings.hpp"

#include <openssl/evp.h>

namespace kaiyuan::util {

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data) {
    const EVP_MD* md = nullptr;
    switch (algorithm) {
    case DigestAlgorithm::md5:
        md = EVP_md5();
        break;
    case DigestAlgorithm::sha1:
        md = EVP_sha1();
        break;
    case DigestAlgorithm::sha256:
        md = EVP_sha256();
        break;
    case DigestAlgorithm::sha512:
        md = EVP_sha512();
        break;
    }
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
    return to_hex(std::string_view(reinterpret_cast<const char*>(out), len));
}

} // namespace kaiyuan::util
