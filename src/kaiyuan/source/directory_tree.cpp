#include "kaiyuan/source/directory_tree.hpp"

#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kaiyuan::source {

DirectoryTree::DirectoryTree(std::string root, WalkLimits limits)
    : m_root(std::move(root)), m_limits(limits) {
    while (m_root.size() > 1 && m_root.ends_with('/'))
        m_root.pop_back();
}

namespace {

struct Walker {
    const std::string& root;
    const WalkLimits& limits;
    Visitor& visitor;
    std::vector<model::Diagnostic>& diagnostics;

    void warn(const std::string& path, std::string message) {
        diagnostics.push_back({model::Severity::warning, {path, "", 0}, std::move(message)});
    }

    // The size is only looked up for files a cataloger wants: most entries cost no stat call.
    void file(int dirfd, const std::string& rel, const char* name) {
        Entry e{rel, EntryType::file, 0, "", ""};
        bool sniffing = !visitor.wants(e);
        if (sniffing && !visitor.sniff(e)) return;
        std::uint64_t wanted_bytes = Visitor::k_whole_file;
        int fd = ::openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (sniffing && fd >= 0) {
            // Only the head first: most sniffed files are not wanted.
            char head[Visitor::k_head_bytes];
            ssize_t n = ::pread(fd, head, sizeof head, 0);
            auto read_range = [fd](std::uint64_t offset, std::size_t size) {
                std::string out(size, '\0');
                ssize_t got = ::pread(fd, out.data(), size, static_cast<off_t>(offset));
                out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
                return out;
            };
            wanted_bytes =
                n <= 0 ? 0
                       : visitor.wants_head(e, std::string_view(head, static_cast<std::size_t>(n)),
                                            read_range);
            if (wanted_bytes == 0) {
                ::close(fd);
                return;
            }
        }
        struct stat st {};
        if (fd < 0 || ::fstat(fd, &st) != 0) {
            warn(rel, std::string("cannot read: ") + std::strerror(errno));
            if (fd >= 0) ::close(fd);
            return;
        }
        e.size = static_cast<std::uint64_t>(st.st_size);
        if (e.size > limits.max_file_bytes) {
            warn(rel,
                 "file of " + std::to_string(e.size) + " bytes is over the size limit; skipped");
            ::close(fd);
            return;
        }
        std::string data;
        data.resize(std::min(e.size, wanted_bytes));
        std::size_t got = 0;
        int error = 0;
        while (got < data.size()) {
            ssize_t n = ::read(fd, data.data() + got, data.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) error = errno;
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        ::close(fd);
        if (error) {
            warn(rel, std::string("cannot read: ") + std::strerror(error));
            return;
        }
        data.resize(got);
        visitor.contents(e, std::move(data));
    }

    void directory(int dirfd, const std::string& rel, std::uint32_t depth) {
        if (depth > limits.max_depth) {
            warn(rel, "directory nesting deeper than " + std::to_string(limits.max_depth) +
                          "; not descended");
            ::close(dirfd);
            return;
        }
        DIR* dir = ::fdopendir(dirfd);
        if (!dir) {
            warn(rel, std::string("cannot list: ") + std::strerror(errno));
            ::close(dirfd);
            return;
        }
        std::vector<std::pair<std::string, unsigned char>> children;
        while (auto* de = ::readdir(dir)) {
            if (std::strcmp(de->d_name, ".") == 0 || std::strcmp(de->d_name, "..") == 0) continue;
            children.emplace_back(de->d_name, de->d_type);
        }
        // Sorted, so walks (and the diagnostics they produce) are deterministic.
        std::sort(children.begin(), children.end());
        int fd = ::dirfd(dir);
        for (auto& [name, dtype] : children) {
            std::string child = rel.empty() ? name : rel + "/" + name;
            if (rel.empty() && root == "/" && (name == "proc" || name == "sys" || name == "dev"))
                continue;
            // readdir's d_type spares a stat per entry; file systems that leave it unknown get one.
            mode_t mode = dtype == DT_DIR   ? S_IFDIR
                          : dtype == DT_REG ? S_IFREG
                          : dtype == DT_LNK ? S_IFLNK
                                            : 0;
            if (dtype == DT_UNKNOWN) {
                struct stat st {};
                if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                    warn(child, std::string("cannot stat: ") + std::strerror(errno));
                    continue;
                }
                mode = st.st_mode;
            }
            if (S_ISDIR(mode)) {
                visitor.wants(Entry{child, EntryType::directory, 0, "", ""});
                int sub =
                    ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
                if (sub < 0) {
                    warn(child, std::string("cannot open directory: ") + std::strerror(errno));
                    continue;
                }
                directory(sub, child, depth + 1);
            } else if (S_ISREG(mode)) {
                file(fd, child, name.c_str());
            } else if (S_ISLNK(mode)) {
                char buf[4096];
                ssize_t n = ::readlinkat(fd, name.c_str(), buf, sizeof buf - 1);
                Entry e{child, EntryType::symlink, 0,
                        n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "", ""};
                visitor.wants(e);
            } else {
                visitor.wants(Entry{child, EntryType::other, 0, "", ""});
            }
        }
        ::closedir(dir);
    }
};

} // namespace

Result<std::string> DirectoryTree::read(std::string_view path) const {
    int fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return fail(m_root + ": " + std::strerror(errno));
    auto parts = util::split(path, '/');
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string name(parts[i]);
        bool last = i + 1 == parts.size();
        if (name.empty() || name == "." || name == "..") {
            ::close(fd);
            return fail(std::string(path) + ": not a plain path inside the tree");
        }
        int next = ::openat(fd, name.c_str(),
                            O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? 0 : O_DIRECTORY));
        int e = errno;
        ::close(fd);
        if (next < 0) return fail(std::string(path) + ": " + std::strerror(e));
        fd = next;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uint64_t>(st.st_size) > m_limits.max_file_bytes) {
        ::close(fd);
        return fail(std::string(path) + ": not a regular file within the size limit");
    }
    ::close(fd);
    return util::read_file(m_root + "/" + std::string(path), m_limits.max_file_bytes);
}

Result<void> DirectoryTree::walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) {
    int fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return fail(m_root + ": " + std::strerror(errno));
    Walker w{m_root, m_limits, visitor, diagnostics};
    w.directory(fd, "", 0);
    return {};
}

} // namespace kaiyuan::source
