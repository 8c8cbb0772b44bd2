#include "kaiyuan/util/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kaiyuan::util {

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        int e = errno;
        ::close(fd);
        return fail(path + ": " + std::strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return fail(path + ": is a directory");
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return fail(path + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    std::string data;
    data.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    for (;;) {
        if (got == data.size()) {
            if (data.size() >= max_bytes) break;
            data.resize(data.size() + 65536); // the file may have grown, or st_size was 0 (procfs)
        }
        ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ::close(fd);
            return fail(path + ": " + std::strerror(e));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    data.resize(got);
    if (got > max_bytes) return fail(path + ": larger than the limit");
    return data;
}

namespace {
Result<void> write_all(int fd, const std::string& path, std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(path + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}
} // namespace

Result<void> write_file_atomic(const std::string& path, std::string_view data) {
    // A symbolic link is written through, as a shell's '>' does: the file it points to is
    // replaced and the link stays (never the link replaced by a file, never a file elsewhere).
    std::string target = path;
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        char* resolved = ::realpath(path.c_str(), nullptr);
        if (!resolved)
            return fail(path + ": a symbolic link to a file that cannot be reached: " +
                        std::strerror(errno));
        target = resolved;
        std::free(resolved);
    }
    // A device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written in place: renaming a
    // temporary file over it would replace it.
    struct stat st {};
    bool exists = ::stat(target.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) return fail(path + ": " + std::strerror(errno));
        auto r = write_all(fd, path, data);
        ::close(fd);
        return r;
    }
    // The replacement keeps the mode of the file it replaces (a 0600 file stays 0600); a new
    // file gets what the umask leaves of 0666, as any new file does. mkstemp makes the
    // temporary file with a fresh name and O_EXCL, so nothing planted there is followed.
    mode_t mode = 0;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    std::string tmp = target + ".kaiyuan-tmp-XXXXXX";
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) return fail(path + ": " + std::strerror(errno));
    if (::fchmod(fd, mode) != 0) {
        int e = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return fail(path + ": " + std::strerror(e));
    }
    if (exists && ::geteuid() == 0) (void)::fchown(fd, st.st_uid, st.st_gid);
    if (auto r = write_all(fd, path, data); !r) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return r;
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), target.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        return fail(path + ": " + std::strerror(e));
    }
    return {};
}

} // namespace kaiyuan::util
