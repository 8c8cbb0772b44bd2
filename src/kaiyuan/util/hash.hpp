#pragma once
/// Message digests (OpenSSL EVP) and a fast non-cryptographic hash for identities.
#include <cstdint>
#include <string>
#include <string_view>

namespace kaiyuan::util {

enum class DigestAlgorithm { md5, sha1, sha256, sha512 };

/// Lower-case hex digest of `data`.
std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);

/// 64-bit FNV-1a; stable across runs and machines (used for component ids, never for security).
constexpr std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

} // namespace kaiyuan::util
