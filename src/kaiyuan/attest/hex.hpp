#pragma once
/// Hex text to bytes, for hashes and digests that come in from outside (log proofs, the signing
/// service's digests); either case is accepted.
#include <optional>
#include <string>
#include <string_view>

namespace kaiyuan::attest {

inline std::optional<std::string> from_hex(std::string_view text) {
    auto digit = [](char ch) {
        if (ch >= '0' && ch <= '9') return ch - '0';
        if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
        if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
        return -1;
    };
    if (text.size() % 2) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        int hi = digit(text[i]), lo = digit(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

} // namespace kaiyuan::attest
