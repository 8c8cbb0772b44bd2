#include "test_archives.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace kaiyuan::test {

std::string make_archive(const std::vector<Member>& members, const std::string& format,
                         const std::string& filter) {
    archive* a = archive_write_new();
    if (format == "zip")
        archive_write_set_format_zip(a);
    else
        archive_write_set_format_pax_restricted(a);
    if (filter == "gzip")
        archive_write_add_filter_gzip(a);
    else if (filter == "xz")
        archive_write_add_filter_xz(a);
    else if (filter == "zstd")
        archive_write_add_filter_zstd(a);
    std::string out(64u << 20, '\0');
    size_t used = 0;
    archive_write_set_bytes_in_last_block(a, 1);
    if (archive_write_open_memory(a, out.data(), out.size(), &used) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a));
    for (const auto& m : members) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, m.path.c_str());
        archive_entry_set_mtime(e, 1700000000, 0);
        if (m.kind == Member::directory) {
            archive_entry_set_filetype(e, AE_IFDIR);
            archive_entry_set_perm(e, 0755);
        } else if (m.kind == Member::symlink) {
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_symlink(e, m.link.c_str());
            archive_entry_set_perm(e, 0777);
        } else {
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_entry_set_size(
                e, m.declared_size >= 0 ? m.declared_size : static_cast<la_int64_t>(m.data.size()));
        }
        archive_write_header(a, e);
        if (m.kind == Member::file && !m.data.empty())
            archive_write_data(a, m.data.data(), m.data.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    out.resize(used);
    return out;
}

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kaiyuan-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

std::string TempDir::write(const std::string& rel, const std::string& data) const {
    std::filesystem::path p = std::filesystem::path(path) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
    return p.string();
}

} // namespace kaiyuan::test
