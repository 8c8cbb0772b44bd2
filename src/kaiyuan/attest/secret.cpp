#include "kaiyuan/attest/secret.hpp"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace kaiyuan::attest {

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        wipe();
        m_value = std::move(other.m_value);
        other.wipe();
    }
    return *this;
}

void Secret::wipe() {
    // The whole capacity: a shorter value may have been assigned over a longer one.
    if (m_value.capacity()) OPENSSL_cleanse(m_value.data(), m_value.capacity());
    m_value.clear();
}

Result<Secret> read_secret_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (1 << 20)) {
        ::close(fd);
        return fail(path + ": not a key file (a regular file of at most 1 MiB)");
    }
    std::string buffer(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < buffer.size()) {
        ssize_t n = ::read(fd, buffer.data() + done, buffer.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    buffer.resize(done);
    return Secret(std::move(buffer));
}

Result<void> write_secret_file(const std::string& path, std::string_view data, bool overwrite) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (overwrite ? O_TRUNC : O_EXCL);
    int fd = ::open(path.c_str(), flags, 0600);
    if (fd < 0)
        return fail(
            path + ": " +
            (errno == EEXIST ? "exists already (--force replaces it)" : std::strerror(errno)));
    bool ok = ::fchmod(fd, 0600) == 0;
    std::size_t done = 0;
    while (ok && done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            ok = false;
        else
            done += static_cast<std::size_t>(n);
    }
    int saved = errno;
    if (::close(fd) != 0) ok = false;
    if (!ok) return fail(path + ": " + std::strerror(saved ? saved : EIO));
    return {};
}

namespace {

/// One line from the terminal with echo off; none when there is no terminal.
Result<Secret> prompt_line(int tty, std::string_view prompt) {
    termios saved{};
    bool restore = ::tcgetattr(tty, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    (void)!::write(tty, prompt.data(), prompt.size());
    std::string line;
    char c;
    while (::read(tty, &c, 1) == 1 && c != '\n')
        line += c;
    if (restore) ::tcsetattr(tty, TCSAFLUSH, &saved);
    (void)!::write(tty, "\n", 1);
    Secret out(std::move(line));
    OPENSSL_cleanse(&c, 1);
    return out;
}

} // namespace

Result<Secret> read_passphrase(std::string_view prompt, bool confirm) {
    if (const char* env = std::getenv("KAIYUAN_KEY_PASSPHRASE")) return Secret(std::string(env));
    int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) return Secret();
    auto first = prompt_line(tty, prompt);
    if (first && confirm && !first->empty()) {
        auto again = prompt_line(tty, "Repeat the passphrase: ");
        if (again && again->view() != first->view()) {
            ::close(tty);
            return fail("the passphrases differ");
        }
    }
    ::close(tty);
    return first;
}

} // namespace kaiyuan::attest
