#pragma once
/// File reading and writing with errors as values.
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <string>

namespace kaiyuan::util {

/// Reads a whole file; fails with "<path>: <reason>" when unreadable or larger than `max_bytes`.
Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes = UINT64_MAX);

/// Writes `data` to `path` through a temporary file in the same directory and a rename, so a
/// failed write never leaves a half-written output behind. A symbolic link is written through
/// (the file it points to is replaced, the link stays); the replaced file's mode is kept, a new
/// file gets 0666 less the umask; devices and pipes are written in place.
Result<void> write_file_atomic(const std::string& path, std::string_view data);

} // namespace kaiyuan::util
