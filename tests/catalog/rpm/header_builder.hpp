#pragma once
/// Writes rpm header blobs (il, dl, index, data; big-endian) for tests, including broken ones.
#include <cstdint>
#include <string>
#include <vector>

namespace kaiyuan::test {

class HeaderBuilder {
public:
    HeaderBuilder& string(std::uint32_t tag, const std::string& v) {
        return add(tag, 6, 1, v + '\0');
    }
    HeaderBuilder& strings(std::uint32_t tag, const std::vector<std::string>& vs) {
        std::string d;
        for (auto& v : vs)
            d += v + '\0';
        return add(tag, 8, static_cast<std::uint32_t>(vs.size()), d);
    }
    HeaderBuilder& int32s(std::uint32_t tag, const std::vector<std::uint32_t>& vs) {
        while (m_data.size() % 4)
            m_data += '\0';
        std::string d;
        for (auto v : vs)
            d += be(v);
        return add(tag, 4, static_cast<std::uint32_t>(vs.size()), d);
    }
    std::string build() const {
        std::string out = be(static_cast<std::uint32_t>(m_index.size() / 16)) +
                          be(static_cast<std::uint32_t>(m_data.size()));
        return out + m_index + m_data;
    }
    /// A whole package header with the usual tags.
    static std::string package(const std::string& name, const std::string& version,
                               const std::string& release, const std::string& license,
                               std::vector<std::string> provides = {},
                               std::vector<std::string> requires_ = {}) {
        HeaderBuilder h;
        h.string(1000, name)
            .string(1001, version)
            .string(1002, release)
            .string(1014, license)
            .string(1022, "x86_64");
        h.string(1011, "openEuler").string(1044, name + "-" + version + "-" + release + ".src.rpm");
        h.strings(1047, provides.empty() ? std::vector<std::string>{name} : provides);
        if (!requires_.empty()) {
            h.strings(1049, requires_);
            h.int32s(1048, std::vector<std::uint32_t>(requires_.size(), 0));
        }
        h.strings(1118, {"/usr/bin/", "/usr/share/doc/" + name + "/"});
        h.strings(1117, {name, "README"});
        h.int32s(1116, {0, 1});
        return h.build();
    }
    static std::string be(std::uint32_t v) {
        std::string s(4, '\0');
        for (int i = 0; i < 4; ++i)
            s[static_cast<std::size_t>(i)] = static_cast<char>(v >> (24 - 8 * i));
        return s;
    }

private:
    HeaderBuilder& add(std::uint32_t tag, std::uint32_t type, std::uint32_t count,
                       const std::string& data) {
        m_index += be(tag) + be(type) + be(static_cast<std::uint32_t>(m_data.size())) + be(count);
        m_data += data;
        return *this;
    }
    std::string m_index, m_data;
};

} // namespace kaiyuan::test
