#pragma once
/// Just enough of ELF (System V gABI, "Sections") to find a section's bytes by name, for 32- and
/// 64-bit files of either byte order. Every offset is checked against the file.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::catalog::binary {

inline constexpr std::string_view k_elf_magic("\x7f"
                                              "ELF",
                                              4);

/// The contents of section `name`; nullopt when the file is not ELF, has no such section, or
/// the section lies outside the file.
std::optional<std::string_view> elf_section(std::string_view file, std::string_view name);

/// Reads up to `size` bytes at `offset` (fewer at the end of the file).
using ByteRangeReader = std::function<std::string(std::uint64_t offset, std::size_t size)>;

/// The section names of an ELF file read through `read`, touching only the headers (a few KB of
/// a file of any size); nullopt when it is not ELF or has no readable section table.
std::optional<std::vector<std::string>> elf_section_names(const ByteRangeReader& read);

} // namespace kaiyuan::catalog::binary
