#include "kaiyuan/catalog/java/maven.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>

namespace kaiyuan::catalog::java {

namespace {

std::string text(const pugi::xml_node& n, const char* child) {
    return util::sanitize_text(util::trim(n.child(child).text().as_string()));
}

// The line of an XML node: pugixml gives byte offsets.
class Lines {
public:
    explicit Lines(std::string_view t) {
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i] == '\n') m_newlines.push_back(i);
    }
    std::uint32_t of(const pugi::xml_node& n) const {
        auto off = static_cast<std::size_t>(n.offset_debug());
        return static_cast<std::uint32_t>(
                   std::lower_bound(m_newlines.begin(), m_newlines.end(), off) -
                   m_newlines.begin()) +
               1;
    }

private:
    std::vector<std::size_t> m_newlines;
};

// ${name} references replaced from the properties, repeatedly (properties may refer to others);
// what stays unresolved stays as written.
std::string resolve(std::string value, const std::map<std::string, std::string>& props) {
    for (int round = 0; round < 10 && value.find("${") != std::string::npos; ++round) {
        std::string out;
        std::size_t pos = 0;
        bool changed = false;
        while (pos < value.size()) {
            auto open = value.find("${", pos);
            auto close = open == std::string::npos ? open : value.find('}', open);
            if (close == std::string::npos) {
                out += value.substr(pos);
                break;
            }
            out += value.substr(pos, open - pos);
            auto it = props.find(value.substr(open + 2, close - open - 2));
            if (it != props.end()) {
                out += it->second;
                changed = true;
            } else {
                out += value.substr(open, close - open + 1);
            }
            pos = close + 1;
        }
        value = std::move(out);
        if (!changed) break;
    }
    return value;
}

} // namespace

CatalogResult parse_pom(std::string_view data, const model::Location& location) {
    PackageGraph graph(location);
    pugi::xml_document doc;
    auto parsed = doc.load_buffer(data.data(), data.size());
    Lines lines(data);
    if (!parsed) {
        std::string_view before = data.substr(0, std::min<std::size_t>(parsed.offset, data.size()));
        graph.warn(std::string("not well-formed XML (") + parsed.description() + "); file skipped",
                   static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n') + 1));
        return graph.finish(false);
    }
    pugi::xml_node project = doc.child("project");
    if (!project) {
        graph.warn("no <project> element: not a pom.xml; file skipped");
        return graph.finish(false);
    }
    pugi::xml_node parent = project.child("parent");
    std::string group = text(project, "groupId"), artifact = text(project, "artifactId"),
                version = text(project, "version");
    if (group.empty()) group = text(parent, "groupId");
    if (version.empty()) version = text(parent, "version");
    std::map<std::string, std::string> props;
    for (pugi::xml_node p : project.child("properties").children())
        props[p.name()] = util::sanitize_text(util::trim(p.text().as_string()));
    props["project.groupId"] = props["pom.groupId"] = group;
    props["project.artifactId"] = props["pom.artifactId"] = artifact;
    props["project.version"] = props["pom.version"] = version;
    props["project.parent.version"] = text(parent, "version");
    props["project.parent.groupId"] = text(parent, "groupId");
    group = resolve(group, props);
    version = resolve(version, props);

    model::Component root = maven_component(group, artifact, version, location, lines.of(project),
                                            {}, text(project, "packaging"));
    std::string licenses, raw;
    for (pugi::xml_node l : project.child("licenses").children("license")) {
        std::string name = text(l, "name");
        if (name.empty()) continue;
        raw += (raw.empty() ? "" : "; ") + name;
        auto spdx = model::to_spdx_expression(name, model::LicenseDialect::spdx);
        if (!spdx.empty()) licenses += (licenses.empty() ? "" : " AND ") + spdx;
    }
    root.license_declared = licenses;
    if (!raw.empty()) root.properties["kaiyuan:license:raw"] = raw;
    root.description = text(project, "description");
    root.homepage = text(project, "url");
    if (parent)
        root.properties["kaiyuan:maven:parent"] = text(parent, "groupId") + ":" +
                                                  text(parent, "artifactId") + ":" +
                                                  text(parent, "version");
    graph.add_root("project", std::move(root));

    // dependencyManagement: versions (and scopes) for dependencies that leave them out.
    std::map<std::string, std::pair<std::string, std::string>> managed;
    for (pugi::xml_node d :
         project.child("dependencyManagement").child("dependencies").children("dependency"))
        managed[resolve(text(d, "groupId"), props) + ":" + resolve(text(d, "artifactId"), props)] =
            {resolve(text(d, "version"), props), text(d, "scope")};

    for (pugi::xml_node d : project.child("dependencies").children("dependency")) {
        std::string g = resolve(text(d, "groupId"), props),
                    a = resolve(text(d, "artifactId"), props);
        std::string v = resolve(text(d, "version"), props), scope = text(d, "scope");
        auto m = managed.find(g + ":" + a);
        if (v.empty() && m != managed.end()) v = m->second.first;
        if (scope.empty() && m != managed.end()) scope = m->second.second;
        if (scope.empty()) scope = "compile";
        std::uint32_t line = lines.of(d);
        if (g.empty() || a.empty()) {
            graph.warn("dependency without groupId or artifactId; skipped", line);
            continue;
        }
        if (v.empty()) {
            graph.info(
                "version of " + g + ":" + a +
                    " is managed outside this file (a parent POM or BOM); listed without one",
                line);
        } else if (v.find("${") != std::string::npos) {
            graph.info("version of " + g + ":" + a + " is " + v +
                           ", defined outside this file (a parent POM); listed without a version",
                       line);
            v.clear();
        }
        model::Component c =
            maven_component(g, a, v, location, line, resolve(text(d, "classifier"), props),
                            resolve(text(d, "type"), props));
        c.properties["kaiyuan:maven:scope"] = scope;
        bool optional = text(d, "optional") == "true";
        std::string key = g + ":" + a + ":" + v + ":" + text(d, "classifier");
        graph.add(key, std::move(c));
        graph.edge("project", key,
                   scope == "test"                   ? model::RelationshipType::dev_depends_on
                   : optional || scope == "provided" ? model::RelationshipType::optional_depends_on
                                                     : model::RelationshipType::depends_on);
    }
    return graph.finish(true);
}

} // namespace kaiyuan::catalog::java
