#include "kaiyuan/catalog/npm/package_json.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::npm {

namespace {

using simdjson::dom::element;

std::string str(element e, const char* key) {
    return util::sanitize_text(util::json_string(e, key));
}

// "license": "MIT" | {"type": "MIT"}; legacy "licenses": [{"type": "MIT"}, ...] joined with OR.
std::string read_license(element doc) {
    element lic;
    if (!doc["license"].get(lic)) {
        std::string_view s;
        if (!lic.get(s)) return util::sanitize_text(s);
        return str(lic, "type");
    }
    simdjson::dom::array list;
    if (doc["licenses"].get(list)) return {};
    std::string out;
    for (element item : list) {
        std::string_view s;
        std::string one = item.get(s) ? str(item, "type") : util::sanitize_text(s);
        if (one.empty()) continue;
        out += (out.empty() ? "" : " OR ") + one;
    }
    return out;
}

// "author": "Name <email> (url)" | {"name", "email"}.
std::string read_person(element doc, const char* key) {
    element p;
    if (doc[key].get(p)) return {};
    std::string_view s;
    if (!p.get(s)) {
        std::string text = util::sanitize_text(s);
        if (auto paren = text.find(" ("); paren != std::string::npos) text.resize(paren);
        return std::string(util::trim(text));
    }
    std::string name = str(p, "name");
    std::string email = str(p, "email");
    if (!email.empty()) name += (name.empty() ? "<" : " <") + email + ">";
    return name;
}

void read_deps(element doc, const char* key,
               std::vector<std::pair<std::string, std::string>>& out) {
    simdjson::dom::object deps;
    if (doc[key].get(deps)) return;
    for (auto [name, range] : deps) {
        std::string_view r;
        if (range.get(r)) r = {};
        out.emplace_back(util::sanitize_text(name), util::sanitize_text(r));
    }
}

} // namespace

Result<PackageJson> parse_package_json(std::string_view text) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) return unexpected(doc.error());
    if (!doc->is_object()) return fail("not a JSON object");
    PackageJson p;
    p.name = str(*doc, "name");
    p.version = str(*doc, "version");
    p.license = read_license(*doc);
    p.description = str(*doc, "description");
    p.homepage = str(*doc, "homepage");
    p.author = read_person(*doc, "author");
    bool priv = false;
    p.is_private = !(*doc)["private"].get(priv) && priv;
    read_deps(*doc, "dependencies", p.dependencies);
    read_deps(*doc, "devDependencies", p.dev_dependencies);
    read_deps(*doc, "optionalDependencies", p.optional_dependencies);
    read_deps(*doc, "peerDependencies", p.peer_dependencies);
    read_deps(*doc, "resolutions", p.resolutions);
    return p;
}

model::Component npm_component(std::string_view name, std::string_view version,
                               const model::Location& file, std::uint32_t line) {
    std::string_view ns, base = name;
    if (auto slash = name.find('/'); name.starts_with('@') && slash != std::string_view::npos) {
        ns = name.substr(0, slash);
        base = name.substr(slash + 1);
    }
    model::Component c = make_package("npm", ns, base, version, file, line);
    c.name = std::string(name);
    return c;
}

void apply_manifest(model::Component& c, const PackageJson& m) {
    if (!m.license.empty()) {
        c.license_declared = model::to_spdx_expression(m.license, model::LicenseDialect::spdx);
        c.properties["kaiyuan:license:raw"] = m.license;
    }
    if (c.description.empty()) c.description = m.description;
    if (c.homepage.empty()) c.homepage = m.homepage;
    if (c.supplier.empty()) c.supplier = m.author;
}

std::string parent_dir(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

} // namespace kaiyuan::catalog::npm
