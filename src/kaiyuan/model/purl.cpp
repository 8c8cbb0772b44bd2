#include "kaiyuan/model/purl.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::model {

namespace {
bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == ':';
}
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
} // namespace

std::string purl_encode(std::string_view s) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (unreserved(static_cast<char>(c))) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

std::string purl_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]);
            int lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string Purl::to_string() const {
    std::string out = "pkg:" + util::to_lower(type) + "/";
    if (!namespace_.empty()) {
        for (auto seg : util::split(namespace_, '/')) {
            if (seg.empty()) continue;
            out += purl_encode(seg);
            out += '/';
        }
    }
    out += purl_encode(name);
    if (!version.empty()) out += "@" + purl_encode(version);
    bool first = true;
    for (const auto& [k, v] : qualifiers) {
        if (v.empty()) continue;
        out += first ? '?' : '&';
        first = false;
        out += util::to_lower(k) + "=" + purl_encode(v);
    }
    if (!subpath.empty()) {
        out += '#';
        bool first_seg = true;
        for (auto seg : util::split(subpath, '/')) {
            if (seg.empty() || seg == "." || seg == "..") continue;
            if (!first_seg) out += '/';
            first_seg = false;
            out += purl_encode(seg);
        }
    }
    return out;
}

Result<Purl> Purl::parse(std::string_view text) {
    Purl p;
    std::string_view s = util::trim(text);
    if (!util::starts_with_icase(s, "pkg:"))
        return fail("purl '" + std::string(text) + "': missing 'pkg:' scheme");
    s.remove_prefix(4);
    while (s.starts_with('/'))
        s.remove_prefix(1);
    if (auto hash = s.find('#'); hash != std::string_view::npos) {
        p.subpath = purl_decode(s.substr(hash + 1));
        s = s.substr(0, hash);
    }
    if (auto q = s.find('?'); q != std::string_view::npos) {
        for (auto pair : util::split(s.substr(q + 1), '&')) {
            auto eq = pair.find('=');
            if (eq == std::string_view::npos || eq == 0) continue;
            p.qualifiers[util::to_lower(pair.substr(0, eq))] = purl_decode(pair.substr(eq + 1));
        }
        s = s.substr(0, q);
    }
    auto slash = s.find('/');
    if (slash == std::string_view::npos || slash == 0)
        return fail("purl '" + std::string(text) + "': missing type");
    p.type = util::to_lower(s.substr(0, slash));
    s = s.substr(slash + 1);
    while (s.ends_with('/'))
        s.remove_suffix(1);
    auto last_slash = s.rfind('/');
    if (auto at = s.rfind('@');
        at != std::string_view::npos && (last_slash == std::string_view::npos || at > last_slash)) {
        p.version = purl_decode(s.substr(at + 1));
        s = s.substr(0, at);
    }
    auto last = s.rfind('/');
    std::string_view name = last == std::string_view::npos ? s : s.substr(last + 1);
    if (name.empty()) return fail("purl '" + std::string(text) + "': missing name");
    p.name = purl_decode(name);
    if (last != std::string_view::npos) {
        std::string ns;
        for (auto seg : util::split(s.substr(0, last), '/')) {
            if (seg.empty()) continue;
            if (!ns.empty()) ns += '/';
            ns += purl_decode(seg);
        }
        p.namespace_ = ns;
    }
    return p;
}

} // namespace kaiyuan::model
