#include "kaiyuan/catalog/binary/cargo_auditable.hpp"

#include "kaiyuan/catalog/binary/elf.hpp"
#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"

#include <zlib.h>

namespace kaiyuan::catalog::binary {

namespace {

constexpr std::size_t k_max_json = 16u << 20;

std::optional<std::string> inflate_all(std::string_view in) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return std::nullopt;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, sizeof buf - zs.avail_out);
        if (out.size() > k_max_json) rc = Z_MEM_ERROR;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

} // namespace

CatalogResult parse_cargo_auditable_json(std::string_view json, const model::Location& location) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    simdjson::dom::array packages;
    if (!doc || (*doc)["packages"].get(packages)) {
        graph.warn("cargo-auditable section without a packages list; not read");
        return graph.finish(false);
    }
    std::vector<std::string> keys;
    for (auto p : packages) {
        std::string name = util::sanitize_text(util::json_string(p, "name"));
        std::string version = util::sanitize_text(util::json_string(p, "version"));
        std::string key = name + " " + version + " " + std::to_string(keys.size());
        keys.push_back(key);
        model::Component c = make_package("cargo", "", name, version, location, 0);
        std::string source = util::json_string(p, "source");
        if (!source.empty() && source != "crates.io")
            c.properties["kaiyuan:cargo:source"] = util::sanitize_text(source);
        if (util::json_string(p, "kind") == "build") c.properties["kaiyuan:scope"] = "build";
        bool root = false;
        if (!p["root"].get(root) && root)
            graph.add_root(key, std::move(c));
        else
            graph.add(key, std::move(c));
    }
    std::size_t i = 0;
    for (auto p : packages) {
        simdjson::dom::array deps;
        if (!p["dependencies"].get(deps))
            for (auto d : deps) {
                std::uint64_t index = 0;
                if (!d.get(index) && index < keys.size()) graph.edge(keys[i], keys[index]);
            }
        ++i;
    }
    return graph.finish(false);
}

CatalogResult parse_cargo_auditable(std::string_view binary, const model::Location& location) {
    auto section = elf_section(binary, ".dep-v0");
    if (!section) return {};
    auto json = inflate_all(*section);
    if (!json) {
        CatalogResult out;
        out.diagnostics.push_back(
            {model::Severity::warning, location,
             "cargo-auditable section .dep-v0 is not valid zlib data; not read"});
        return out;
    }
    return parse_cargo_auditable_json(*json, location);
}

} // namespace kaiyuan::catalog::binary
