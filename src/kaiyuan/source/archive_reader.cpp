#include "kaiyuan/source/archive_reader.hpp"

#include <archive.h>
#include <archive_entry.h>

namespace kaiyuan::source {

struct ArchiveReader::State {
    archive* a = nullptr;
    ArchiveInput input;
    std::string name;
    WalkLimits limits;
    std::string chunk; // buffer for pull input
    ~State() {
        if (a) archive_read_free(a);
    }
};

namespace {
la_ssize_t pull_callback(archive*, void* client, const void** buffer) {
    auto* state = static_cast<std::function<std::string_view()>*>(client);
    std::string_view chunk = (*state)();
    *buffer = chunk.data();
    return static_cast<la_ssize_t>(chunk.size());
}
} // namespace

Result<ArchiveReader> ArchiveReader::open(ArchiveInput input, std::string name, WalkLimits limits) {
    ArchiveReader r;
    r.m_state = std::make_unique<State>();
    auto& s = *r.m_state;
    s.input = std::move(input);
    s.name = std::move(name);
    s.limits = limits;
    s.a = archive_read_new();
    archive_read_support_filter_all(s.a);
    archive_read_support_format_all(s.a);
    int rc;
    if (!s.input.file_path.empty()) {
        rc = archive_read_open_filename(s.a, s.input.file_path.c_str(), 1 << 16);
    } else if (s.input.pull) {
        rc = archive_read_open(s.a, &s.input.pull, nullptr, pull_callback, nullptr);
    } else {
        rc = archive_read_open_memory(s.a, s.input.memory.data(), s.input.memory.size());
    }
    if (rc != ARCHIVE_OK) {
        const char* msg = archive_error_string(s.a);
        return fail(s.name + ": cannot open archive: " + (msg ? msg : "unknown format"));
    }
    return r;
}

ArchiveReader::ArchiveReader(ArchiveReader&&) noexcept = default;
ArchiveReader& ArchiveReader::operator=(ArchiveReader&&) noexcept = default;
ArchiveReader::~ArchiveReader() = default;

std::vector<std::string> ArchiveReader::first_paths(std::size_t n) {
    std::vector<std::string> out;
    archive_entry* ae = nullptr;
    while (out.size() < n && archive_read_next_header(m_state->a, &ae) == ARCHIVE_OK) {
        std::string problem;
        const char* raw = archive_entry_pathname(ae);
        out.push_back(normalize_member_path(raw ? raw : "", problem));
    }
    return out;
}

std::function<std::string_view()> ArchiveReader::current_data_stream() {
    archive* a = m_state->a;
    return [a]() -> std::string_view {
        const void* buf = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        int rc = archive_read_data_block(a, &buf, &size, &offset);
        if (rc != ARCHIVE_OK) return {};
        return {static_cast<const char*>(buf), size};
    };
}

Result<void>
ArchiveReader::for_each(const std::function<bool(const Entry&)>& on_entry,
                        const std::function<void(const Entry&, std::string&&)>& on_data,
                        std::vector<model::Diagnostic>& diagnostics, const std::string& layer) {
    auto& s = *m_state;
    archive_entry* ae = nullptr;
    std::size_t count = 0;
    auto warn = [&](const std::string& path, std::string msg) {
        diagnostics.push_back(
            {model::Severity::warning, {path.empty() ? s.name : path, layer, 0}, std::move(msg)});
    };
    for (;;) {
        int rc = archive_read_next_header(s.a, &ae);
        if (rc == ARCHIVE_EOF) break;
        if (rc == ARCHIVE_RETRY) continue;
        if (rc == ARCHIVE_FATAL) {
            const char* msg = archive_error_string(s.a);
            if (count == 0)
                return fail(s.name + ": cannot read archive: " + (msg ? msg : "corrupt"));
            warn(s.name, std::string("archive is truncated or corrupt after ") +
                             std::to_string(count) + " entries: " + (msg ? msg : "read error") +
                             "; the rest was not read");
            break;
        }
        ++count;
        const char* raw = archive_entry_pathname(ae);
        std::string problem;
        std::string path = normalize_member_path(raw ? raw : "", problem);
        if (!problem.empty()) warn(raw ? raw : s.name, problem);
        if (path.empty()) continue;
        Entry e;
        e.path = std::move(path);
        e.layer = layer;
        e.size =
            archive_entry_size_is_set(ae) ? static_cast<std::uint64_t>(archive_entry_size(ae)) : 0;
        switch (archive_entry_filetype(ae)) {
        case AE_IFREG:
            e.type = archive_entry_hardlink(ae) ? EntryType::other : EntryType::file;
            break;
        case AE_IFDIR:
            e.type = EntryType::directory;
            break;
        case AE_IFLNK:
            e.type = EntryType::symlink;
            if (auto* t = archive_entry_symlink(ae)) e.link_target = t;
            break;
        default:
            e.type = EntryType::other;
            break;
        }
        if (archive_entry_hardlink(ae)) {
            e.type = EntryType::symlink;
            std::string p2;
            e.link_target = "/" + normalize_member_path(archive_entry_hardlink(ae), p2);
        }
        if (e.size > s.limits.max_total_bytes) {
            warn(e.path,
                 "member declares " + std::to_string(e.size) +
                     " bytes, over the archive limit (a decompression bomb?); reading stopped");
            break;
        }
        bool want = on_entry(e) && e.type == EntryType::file;
        if (want) {
            if (e.size > s.limits.max_file_bytes) {
                warn(e.path, "member of " + std::to_string(e.size) +
                                 " bytes is over the size limit; skipped");
            } else {
                std::string data;
                data.reserve(e.size);
                char buf[65536];
                bool too_big = false;
                for (;;) {
                    la_ssize_t n = archive_read_data(s.a, buf, sizeof buf);
                    if (n < 0) {
                        const char* msg = archive_error_string(s.a);
                        warn(e.path,
                             std::string("cannot read member: ") + (msg ? msg : "read error"));
                        data.clear();
                        too_big = true;
                        break;
                    }
                    if (n == 0) break;
                    if (data.size() + static_cast<std::size_t>(n) > s.limits.max_file_bytes) {
                        warn(e.path, "member expands past the size limit; skipped");
                        too_big = true;
                        break;
                    }
                    data.append(buf, static_cast<std::size_t>(n));
                }
                if (!too_big) on_data(e, std::move(data));
            }
        }
        // Decompression bombs: stop when the stream expands far past its compressed size.
        auto out_bytes = static_cast<std::uint64_t>(archive_filter_bytes(s.a, 0));
        auto in_bytes = static_cast<std::uint64_t>(archive_filter_bytes(s.a, -1));
        if (out_bytes > s.limits.max_total_bytes || (out_bytes > (1ull << 30) && in_bytes > 0 &&
                                                     out_bytes / in_bytes > s.limits.max_ratio)) {
            warn(s.name, "archive expands to " + std::to_string(out_bytes) + " bytes from " +
                             std::to_string(in_bytes) +
                             " (a decompression bomb?); reading stopped");
            break;
        }
    }
    return {};
}

} // namespace kaiyuan::source
