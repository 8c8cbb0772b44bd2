#pragma once
/// A source presents any input (directory, archive, container image, single package file) as one
/// read-only file tree that is walked once. Paths are relative to the tree's root, '/'-separated,
/// with no "." or ".." segments.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::source {

enum class EntryType { file, directory, symlink, other };

struct Entry {
    std::string path;
    EntryType type = EntryType::file;
    std::uint64_t size = 0;
    std::string link_target; ///< for symlinks
    std::string layer;       ///< image layer digest, empty elsewhere
};

/// Receives the entries of a walk. `wants` decides whether the contents of a regular file are read;
/// `contents` then receives them (valid only during the call).
class Visitor {
public:
    virtual ~Visitor() = default;
    virtual bool wants(const Entry& entry) = 0;
    virtual void contents(const Entry& entry, std::string&& data) = 0;

    /// Files no name asked for may still be wanted for what they contain (executables are
    /// found by their magic numbers and headers, not their names). For a file `wants` refused,
    /// `sniff` says whether to look inside; `wants_head` then decides from its first
    /// k_head_bytes and whatever else it reads through `read` (offset, size), so that a large
    /// file is read whole only when it is wanted, and only as far as it is wanted.
    static constexpr std::size_t k_head_bytes = 64;
    using RangeReader = std::function<std::string(std::uint64_t, std::size_t)>;
    virtual bool sniff(const Entry&) { return false; }
    /// How many bytes of the file are wanted: 0 for none, k_whole_file for all of it.
    static constexpr std::uint64_t k_whole_file = ~std::uint64_t{0};
    virtual std::uint64_t wants_head(const Entry&, std::string_view, const RangeReader&) {
        return 0;
    }
};

/// A Visitor::RangeReader over bytes already in memory.
inline Visitor::RangeReader in_memory(const std::string& data) {
    return [&data](std::uint64_t offset, std::size_t size) {
        return offset >= data.size() ? std::string() : data.substr(offset, size);
    };
}

/// For a sniffed file already in memory: asks the visitor how much of it is wanted and cuts
/// `data` to that; false when none is.
inline bool keep_wanted_head(Visitor& visitor, const Entry& e, std::string& data) {
    std::uint64_t n = visitor.wants_head(e, std::string_view(data).substr(0, Visitor::k_head_bytes),
                                         in_memory(data));
    if (n == 0) return false;
    if (n < data.size()) data.resize(static_cast<std::size_t>(n));
    return true;
}

/// Limits that keep hostile input from exhausting the machine.
struct WalkLimits {
    std::uint64_t max_file_bytes = 1ull << 30;   ///< a wanted file larger than this is skipped
    std::uint64_t max_total_bytes = 64ull << 30; ///< uncompressed bytes an archive may expand to
    std::uint64_t max_ratio = 1000;              ///< uncompressed : compressed, past 1 GiB
    std::uint32_t max_depth = 256;               ///< directory nesting
};

class FileTree {
public:
    virtual ~FileTree() = default;
    /// directory, archive, docker-archive, oci-layout, rpm, deb.
    virtual std::string kind() const = 0;
    /// Walks every entry once. Problems with single entries become diagnostics and the walk goes
    /// on; only "could not read this at all" is an error.
    virtual Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) = 0;
    /// Reads one file by its tree path after the walk (the target of a link the walk found).
    /// Trees that can only be streamed (archives, images) do not support it.
    virtual Result<std::string> read(std::string_view path) const {
        return fail(std::string(path) + ": not readable out of walk order in a " + kind());
    }
    /// Facts about the target (image config: "image:os", "image:architecture", labels ...).
    virtual std::map<std::string, std::string> properties() const { return {}; }
};

/// Normalises an archive member name to a tree path. Returns "" (and sets `problem`) for names that
/// escape the root ("../x"), are empty, or are absolute after stripping (a leading '/' is removed
/// with a warning in `problem`, the entry is kept).
std::string normalize_member_path(std::string_view name, std::string& problem);

} // namespace kaiyuan::source
