#pragma once
/// Builds archives in memory for tests (libarchive's writer), so no binary fixture is committed.
#include <string>
#include <vector>

namespace kaiyuan::test {

struct Member {
    enum Kind { file, directory, symlink };
    Member(std::string p, std::string d, Kind k = file, std::string l = {})
        : path(std::move(p)), data(std::move(d)), kind(k), link(std::move(l)) {}
    std::string path;
    std::string data;
    Kind kind = file;
    std::string link;
    long long declared_size = -1; ///< lie about the size in the header (truncation tests)
};

/// `format`: "tar" (ustar/pax), "zip". `filter`: "", "gzip", "xz", "zstd".
std::string make_archive(const std::vector<Member>& members, const std::string& format = "tar",
                         const std::string& filter = "");

/// A temporary directory removed on destruction.
struct TempDir {
    TempDir();
    ~TempDir();
    std::string path;
    std::string write(const std::string& rel, const std::string& data) const;
};

} // namespace kaiyuan::test
