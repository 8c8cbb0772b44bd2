#pragma once
/// libarchive behind a small RAII wrapper: reads tar (plain, gz, xz, zst, bz2), zip, ar and cpio
/// streams entry by entry, never unpacking to disk.
#include "kaiyuan/source/file_tree.hpp"

#include <functional>
#include <memory>

struct archive;

namespace kaiyuan::source {

/// Where an archive's bytes come from: a file on disk, a buffer in memory, or a pull function
/// (used to stream a layer out of an outer archive). A pull function returns the next chunk, or
/// an empty view at the end.
struct ArchiveInput {
    std::string file_path;
    std::string_view memory;
    std::function<std::string_view()> pull;
};

class ArchiveReader {
public:
    /// Opens `input`; `name` is used in messages.
    static Result<ArchiveReader> open(ArchiveInput input, std::string name, WalkLimits limits = {});
    ArchiveReader(ArchiveReader&&) noexcept;
    ArchiveReader& operator=(ArchiveReader&&) noexcept;
    ~ArchiveReader();

    /// Calls `on_entry` for each member with its normalised entry; `on_entry` returns true to have
    /// the contents read, which `on_data` then receives. Member problems become diagnostics.
    /// Returns an error only when the archive cannot be read at all (no member could be read).
    Result<void> for_each(const std::function<bool(const Entry&)>& on_entry,
                          const std::function<void(const Entry&, std::string&&)>& on_data,
                          std::vector<model::Diagnostic>& diagnostics,
                          const std::string& layer = {});

    /// The normalised paths of the first `n` members (fewer when the archive is shorter), read
    /// without touching the rest of the archive.
    std::vector<std::string> first_paths(std::size_t n);

    /// Streams the data of the current member through a nested reader (pull function); valid only
    /// inside `on_entry`.
    std::function<std::string_view()> current_data_stream();

private:
    ArchiveReader() = default;
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace kaiyuan::source
