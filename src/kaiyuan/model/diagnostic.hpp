#pragma once
#include "kaiyuan/model/location.hpp"

#include <string>

namespace kaiyuan::model {

enum class Severity { info, warning, error };

/// Something a scan could not do or chose to skip, pinned to where it happened. Partial success is
/// data: diagnostics travel beside components instead of aborting the scan.
struct Diagnostic {
    Severity severity = Severity::warning;
    Location location;
    std::string message;

    auto operator<=>(const Diagnostic&) const = default;
};

inline const char* to_string(Severity s) {
    switch (s) {
    case Severity::info:
        return "info";
    case Severity::warning:
        return "warning";
    case Severity::error:
        return "error";
    }
    return "warning";
}

} // namespace kaiyuan::model
