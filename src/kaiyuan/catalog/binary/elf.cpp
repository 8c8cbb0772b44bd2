#include "kaiyuan/catalog/binary/elf.hpp"

#include <cstdint>

namespace kaiyuan::catalog::binary {

namespace {

class Reader {
public:
    Reader(std::string_view data, bool little) : m_data(data), m_little(little) {}
    // Reads an unsigned integer of `size` bytes at `off`; false when out of bounds.
    bool get(std::uint64_t off, int size, std::uint64_t& out) const {
        if (off > m_data.size() || m_data.size() - off < static_cast<std::uint64_t>(size))
            return false;
        out = 0;
        for (int i = 0; i < size; ++i) {
            auto b = static_cast<std::uint8_t>(m_data[off + (m_little ? size - 1 - i : i)]);
            out = out << 8 | b;
        }
        return true;
    }

private:
    std::string_view m_data;
    bool m_little;
};

} // namespace

std::optional<std::string_view> elf_section(std::string_view file, std::string_view name) {
    if (file.size() < 52 || !file.starts_with(k_elf_magic)) return std::nullopt;
    bool is64 = file[4] == 2;
    bool little = file[5] == 1;
    Reader r(file, little);
    std::uint64_t shoff = 0, shentsize = 0, shnum = 0, shstrndx = 0;
    int word = is64 ? 8 : 4;
    if (!r.get(is64 ? 0x28 : 0x20, word, shoff) || !r.get(is64 ? 0x3A : 0x2E, 2, shentsize) ||
        !r.get(is64 ? 0x3C : 0x30, 2, shnum) || !r.get(is64 ? 0x3E : 0x32, 2, shstrndx))
        return std::nullopt;
    if (shentsize < (is64 ? 64u : 40u) || shstrndx >= shnum) return std::nullopt;
    // Section header fields: name (4), type (4), flags (word), addr (word), offset (word), size
    // (word).
    auto section = [&](std::uint64_t index, std::uint64_t& name_off, std::uint64_t& off,
                       std::uint64_t& size) {
        std::uint64_t base = shoff + index * shentsize;
        return r.get(base, 4, name_off) &&
               r.get(base + 8 + 2 * static_cast<std::uint64_t>(word), word, off) &&
               r.get(base + 8 + 3 * static_cast<std::uint64_t>(word), word, size);
    };
    std::uint64_t str_name = 0, str_off = 0, str_size = 0;
    if (!section(shstrndx, str_name, str_off, str_size) || str_off > file.size() ||
        file.size() - str_off < str_size)
        return std::nullopt;
    std::string_view strings = file.substr(str_off, str_size);
    for (std::uint64_t i = 0; i < shnum && i < 65536; ++i) {
        std::uint64_t n = 0, off = 0, size = 0;
        if (!section(i, n, off, size) || n >= strings.size()) continue;
        std::string_view s = strings.substr(n);
        s = s.substr(0, s.find('\0'));
        if (s != name) continue;
        if (off > file.size() || file.size() - off < size) return std::nullopt;
        return file.substr(off, size);
    }
    return std::nullopt;
}

std::optional<std::vector<std::string>> elf_section_names(const ByteRangeReader& read) {
    std::string header = read(0, 64);
    if (header.size() < 52 || !std::string_view(header).starts_with(k_elf_magic))
        return std::nullopt;
    bool is64 = header[4] == 2;
    Reader h(header, header[5] == 1);
    std::uint64_t shoff = 0, shentsize = 0, shnum = 0, shstrndx = 0;
    int word = is64 ? 8 : 4;
    if (!h.get(is64 ? 0x28 : 0x20, word, shoff) || !h.get(is64 ? 0x3A : 0x2E, 2, shentsize) ||
        !h.get(is64 ? 0x3C : 0x30, 2, shnum) || !h.get(is64 ? 0x3E : 0x32, 2, shstrndx))
        return std::nullopt;
    if (shentsize < (is64 ? 64u : 40u) || shstrndx >= shnum || shnum > 4096) return std::nullopt;
    std::string table = read(shoff, static_cast<std::size_t>(shnum * shentsize));
    if (table.size() < shnum * shentsize) return std::nullopt;
    Reader t(table, header[5] == 1);
    auto field = [&](std::uint64_t index, int at_word, std::uint64_t& out) {
        return t.get(index * shentsize + 8 + static_cast<std::uint64_t>(at_word * word), word, out);
    };
    std::uint64_t str_off = 0, str_size = 0;
    if (!field(shstrndx, 2, str_off) || !field(shstrndx, 3, str_size) || str_size > (1u << 20))
        return std::nullopt;
    std::string strings = read(str_off, static_cast<std::size_t>(str_size));
    std::vector<std::string> names;
    for (std::uint64_t i = 0; i < shnum; ++i) {
        std::uint64_t n = 0;
        if (!t.get(i * shentsize, 4, n) || n >= strings.size()) continue;
        names.emplace_back(strings.c_str() + n);
    }
    return names;
}

} // namespace kaiyuan::catalog::binary
