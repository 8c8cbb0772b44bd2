#include "kaiyuan/catalog/binary/go_buildinfo.hpp"

#include "kaiyuan/catalog/binary/elf.hpp"
#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/golang/go_mod.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::binary {

namespace {

constexpr std::string_view k_magic("\xff Go buildinf:", 14);

// A Go uvarint-prefixed string at `pos`; advances `pos`.
std::optional<std::string_view> varint_string(std::string_view data, std::size_t& pos) {
    std::uint64_t len = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= data.size()) return std::nullopt;
        auto b = static_cast<unsigned char>(data[pos++]);
        len |= static_cast<std::uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) break;
    }
    if (len > data.size() - pos) return std::nullopt;
    std::string_view s = data.substr(pos, len);
    pos += len;
    return s;
}

} // namespace

std::optional<GoBuildInfo> read_go_buildinfo(std::string_view data, std::string* problem) {
    // In an ELF file with a section table the header starts .go.buildinfo: no need to search
    // tens of megabytes; without that section it is not a Go binary.
    if (data.starts_with(k_elf_magic)) {
        if (auto section = elf_section(data, ".go.buildinfo"))
            data = data.substr(static_cast<std::size_t>(section->data() - data.data()));
        else if (elf_section(data, ".shstrtab"))
            return std::nullopt;
    }
    std::size_t at = 0;
    for (;;) {
        at = data.find(k_magic, at);
        if (at == std::string_view::npos) return std::nullopt;
        if (at % 16 == 0) break;
        ++at;
    }
    if (data.size() - at < 32) {
        if (problem) *problem = "Go build information header is cut short";
        return std::nullopt;
    }
    unsigned char flags = static_cast<unsigned char>(data[at + 15]);
    if (!(flags & 2)) {
        // Before Go 1.18 the header points at the strings through the binary's address space.
        if (problem) *problem = "built by Go before 1.18 (build information by pointer); not read";
        return std::nullopt;
    }
    std::size_t pos = at + 32;
    auto version = varint_string(data, pos);
    auto modinfo = version ? varint_string(data, pos) : std::nullopt;
    if (!version || !modinfo) {
        if (problem) *problem = "Go build information strings run past the end of the file";
        return std::nullopt;
    }
    GoBuildInfo info;
    info.go_version = util::sanitize_text(*version);
    std::string_view mod = *modinfo;
    // The module information is framed by 16-byte sentinels (runtime/debug).
    if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') mod = mod.substr(16, mod.size() - 32);
    GoModule* last = nullptr;
    for (std::string_view line : util::split(mod, '\n')) {
        auto f = util::split(line, '\t');
        if (f.empty()) continue;
        auto field = [&](std::size_t i) {
            return i < f.size() ? util::sanitize_text(f[i]) : std::string();
        };
        if (f[0] == "path") {
            info.main_package = field(1);
        } else if (f[0] == "mod" || f[0] == "dep") {
            GoModule m{field(1), field(2), field(3), {}, {}};
            if (f[0] == "mod") {
                info.main = m;
                last = &*info.main;
            } else {
                info.deps.push_back(m);
                last = &info.deps.back();
            }
        } else if (f[0] == "=>" && last) {
            last->replaced_by_path = field(1);
            last->replaced_by_version = field(2);
        } else if (f[0] == "build") {
            std::string kv = field(1);
            auto eq = kv.find('=');
            info.settings.emplace_back(kv.substr(0, eq),
                                       eq == std::string::npos ? "" : kv.substr(eq + 1));
        }
    }
    return info;
}

CatalogResult parse_go_binary(std::string_view data, const model::Location& location) {
    PackageGraph graph(location);
    std::string problem;
    auto info = read_go_buildinfo(data, &problem);
    if (!info) {
        // A packed executable hides what it is built from (trivy's own release is UPX-packed).
        if (problem.empty() && data.substr(0, 1024).find("UPX!") != std::string_view::npos)
            problem = "executable packed with UPX: its build information is not visible";
        if (!problem.empty()) graph.info(problem);
        return graph.finish(false);
    }
    auto version_of = [](const std::string& v) { return v == "(devel)" ? std::string() : v; };
    std::string main_path = info->main ? info->main->path : info->main_package;
    model::Component root =
        golang::go_component(main_path.empty() ? "command-line-arguments" : main_path,
                             info->main ? version_of(info->main->version) : "", location, 0);
    root.properties["kaiyuan:go:toolchain"] = info->go_version;
    if (!info->main_package.empty())
        root.properties["kaiyuan:go:main-package"] = info->main_package;
    for (const auto& [k, v] : info->settings)
        if (k == "vcs.revision" || k == "vcs.time" || k == "GOOS" || k == "GOARCH" || k == "vcs" ||
            k == "CGO_ENABLED" || k == "-trimpath")
            root.properties["kaiyuan:go:build:" + k] = v;
    graph.add_root("main", std::move(root));
    for (const auto& d : info->deps) {
        bool replaced = !d.replaced_by_path.empty();
        std::string path = replaced ? d.replaced_by_path : d.path;
        std::string version = replaced ? d.replaced_by_version : d.version;
        model::Component c = golang::go_component(path, version_of(version), location, 0);
        if (replaced) c.properties["kaiyuan:go:replaces"] = d.path + "@" + d.version;
        std::string sum = replaced ? std::string() : d.sum;
        if (!sum.empty()) c.properties["kaiyuan:go:h1"] = sum;
        graph.add(path + "@" + version, std::move(c));
        graph.edge("main", path + "@" + version);
    }
    // The standard library compiled in, named as vulnerability databases name it.
    std::string go = info->go_version;
    if (go.starts_with("go")) go.erase(0, 2);
    go = go.substr(0, go.find(' ')); // "go1.22.1 X:boringcrypto"
    if (!go.empty()) {
        model::Component std_lib = golang::go_component("stdlib", go, location, 0);
        graph.add("stdlib", std::move(std_lib));
        graph.edge("main", "stdlib");
    }
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::binary
