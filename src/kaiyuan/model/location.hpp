#pragma once
#include <compare>
#include <cstdint>
#include <string>

namespace kaiyuan::model {

/// Where evidence was found: a path inside the scanned tree (relative, '/'-separated), the image
/// layer that held it (digest, empty outside images) and a 1-based line (0 when not applicable).
struct Location {
    std::string path;
    std::string layer;
    std::uint32_t line = 0;

    auto operator<=>(const Location&) const = default;
    std::string to_string() const {
        std::string s = path;
        if (line) s += ":" + std::to_string(line);
        return s;
    }
};

} // namespace kaiyuan::model
