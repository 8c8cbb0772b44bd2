#pragma once
/// Secret bytes (passphrases, PINs, private key PEM text) that are wiped from memory when they
/// go: OPENSSL_cleanse, which the compiler may not optimise away.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::attest {

class Secret {
public:
    Secret() = default;
    explicit Secret(std::string value) : m_value(std::move(value)) {}
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept : m_value(std::move(other.m_value)) { other.wipe(); }
    Secret& operator=(Secret&& other) noexcept;
    ~Secret() { wipe(); }

    std::string_view view() const { return m_value; }
    bool empty() const { return m_value.empty(); }
    void wipe();

private:
    std::string m_value;
};

/// A file's bytes held as a secret (a private key).
Result<Secret> read_secret_file(const std::string& path);

/// Writes a secret file created with mode 0600 (whatever the umask); refuses to replace an
/// existing file unless `overwrite`, and then resets its mode to 0600 too.
Result<void> write_secret_file(const std::string& path, std::string_view data, bool overwrite);

/// The passphrase of a private key: $KAIYUAN_KEY_PASSPHRASE when set (even empty), otherwise a
/// prompt on the terminal (/dev/tty, echo off; asked twice when `confirm`), otherwise none.
/// Passphrases are never taken from the command line, where other users can read them.
Result<Secret> read_passphrase(std::string_view prompt, bool confirm);

} // namespace kaiyuan::attest
