#pragma once
/// Password hashing for people's accounts: Argon2id (RFC 9106) through libsodium's
/// crypto_pwhash_str, with its "interactive" cost (64 MiB, 2 passes), so that a stolen hash
/// costs an attacker memory as well as time for every guess. The result is the PHC string
/// ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash"), salt included.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::util {

/// Fails only when the machine cannot spare the memory.
Result<std::string> hash_password(std::string_view password);
/// Whether `password` matches `stored` (a string from hash_password); false for a malformed one.
bool verify_password(std::string_view password, const std::string& stored);

} // namespace kaiyuan::util
