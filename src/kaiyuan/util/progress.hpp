#pragma once
/// Progress for long work. The library reports through this interface; only the CLI decides
/// whether it reaches a terminal (stderr), so stdout stays machine-readable.
#include <cstdint>
#include <string_view>

namespace kaiyuan::util {

class Progress {
public:
    virtual ~Progress() = default;
    /// A new phase of work ("walking", "cataloging rpm"); `total` 0 when unknown.
    virtual void phase(std::string_view name, std::uint64_t total) = 0;
    /// `done` units of the current phase are complete.
    virtual void advance(std::uint64_t done) = 0;
    virtual void finish() = 0;
};

/// A Progress that does nothing (the default for library calls and tests).
Progress& null_progress();

} // namespace kaiyuan::util
