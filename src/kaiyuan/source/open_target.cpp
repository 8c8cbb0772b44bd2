#include "kaiyuan/source/open_target.hpp"

#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/source/archive_tree.hpp"
#include "kaiyuan/source/directory_tree.hpp"
#include "kaiyuan/source/image_tree.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kaiyuan::source {

namespace {
std::string head(const std::string& path, std::size_t n) {
    std::string out(n, '\0');
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    ssize_t got = ::read(fd, out.data(), n);
    ::close(fd);
    out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return out;
}
} // namespace

Result<std::unique_ptr<FileTree>> open_target(const std::string& target, WalkLimits limits) {
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) return fail(target + ": " + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        struct stat layout {};
        if (::stat((target + "/oci-layout").c_str(), &layout) == 0) {
            auto image = ImageTree::open(target, limits);
            if (!image) return unexpected(image.error());
            return std::unique_ptr<FileTree>(std::move(*image));
        }
        return std::unique_ptr<FileTree>(std::make_unique<DirectoryTree>(target, limits));
    }
    if (!S_ISREG(st.st_mode)) return fail(target + ": not a regular file or directory");
    std::string magic = head(target, 64);
    if (magic.size() >= 4 && magic.compare(0, 4, "\xED\xAB\xEE\xDB") == 0)
        return std::unique_ptr<FileTree>(std::make_unique<SingleFileTree>(target, "rpm"));
    if (magic.starts_with("!<arch>\ndebian-binary"))
        return std::unique_ptr<FileTree>(std::make_unique<SingleFileTree>(target, "deb"));
    // Executables and Java archives are packages themselves, not trees to walk.
    for (std::string_view m : {std::string_view("\x7f"
                                                "ELF",
                                                4),
                               std::string_view("MZ"), std::string_view("\xcf\xfa\xed\xfe", 4),
                               std::string_view("\xce\xfa\xed\xfe", 4)})
        if (magic.starts_with(m))
            return std::unique_ptr<FileTree>(
                std::make_unique<SingleFileTree>(target, "executable"));
    for (std::string_view ext : {".jar", ".war", ".ear"})
        if (target.ends_with(ext) && magic.starts_with("PK"))
            return std::unique_ptr<FileTree>(
                std::make_unique<SingleFileTree>(target, "java-archive"));
    // Any archive (plain or compressed tar) whose first members look like an image is one.
    if (tar_is_image(target)) {
        auto image = ImageTree::open(target, limits);
        if (!image) return unexpected(image.error());
        return std::unique_ptr<FileTree>(std::move(*image));
    }
    // Anything libarchive does not take for an archive is one file (a lockfile, a manifest),
    // cataloged under its own name.
    if (!ArchiveReader::open(ArchiveInput{target, {}, {}}, target, limits))
        return std::unique_ptr<FileTree>(std::make_unique<SingleFileTree>(target, "file"));
    return std::unique_ptr<FileTree>(std::make_unique<ArchiveTree>(target, limits));
}

} // namespace kaiyuan::source
