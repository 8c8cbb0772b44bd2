#include "kaiyuan/util/password.hpp"

#include <sodium.h>

namespace kaiyuan::util {

namespace {

bool ready() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

} // namespace

Result<std::string> hash_password(std::string_view password) {
    if (!ready()) return fail("libsodium cannot start (no entropy source)");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return fail("not enough memory to hash a password (Argon2id needs 64 MiB)");
    return std::string(out);
}

bool verify_password(std::string_view password, const std::string& stored) {
    if (!ready() || stored.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

} // namespace kaiyuan::util
