#include "kaiyuan/catalog/java/maven.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <cctype>

namespace kaiyuan::catalog::java {

model::Component maven_component(std::string_view group, std::string_view artifact,
                                 std::string_view version, const model::Location& file,
                                 std::uint32_t line, std::string_view classifier,
                                 std::string_view type) {
    std::map<std::string, std::string> q;
    if (!classifier.empty()) q["classifier"] = std::string(classifier);
    if (!type.empty() && type != "jar") q["type"] = std::string(type);
    model::Component c = make_package("maven", group, artifact, version, file, line, q);
    if (!group.empty()) c.properties["kaiyuan:maven:group"] = std::string(group);
    return c;
}

CatalogResult parse_gradle_lockfile(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    std::uint32_t number = 0;
    for (std::string_view line : util::split(text, '\n')) {
        ++number;
        line = util::trim(line);
        if (line.empty() || line.starts_with('#') || line.starts_with("empty=")) continue;
        auto eq = line.find('=');
        auto coords = util::split(line.substr(0, eq), ':');
        // Maven coordinates: group and artifact of [A-Za-z0-9_.-], a version without spaces.
        auto coordinate = [](std::string_view part, bool version) {
            if (part.empty()) return false;
            for (char ch : part)
                if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' ||
                      ch == '_' ||
                      (version && ch != ' ' && ch != '"' && ch != '{' && ch != '}' &&
                       static_cast<unsigned char>(ch) > 0x20)))
                    return false;
            return true;
        };
        if (coords.size() != 3 || !coordinate(coords[0], false) || !coordinate(coords[1], false) ||
            !coordinate(coords[2], true)) {
            graph.warn("not 'group:artifact:version=configurations'; line skipped", number);
            continue;
        }
        std::string configurations =
            eq == std::string_view::npos ? "" : std::string(line.substr(eq + 1));
        model::Component c =
            maven_component(util::sanitize_text(coords[0]), util::sanitize_text(coords[1]),
                            util::sanitize_text(coords[2]), location, number);
        // Only in test configurations: a test dependency.
        bool test_only = !configurations.empty();
        for (auto conf : util::split(configurations, ','))
            if (util::to_lower(conf).find("test") == std::string::npos) test_only = false;
        if (test_only) c.properties["kaiyuan:scope"] = "dev";
        c.properties["kaiyuan:gradle:configurations"] = util::sanitize_text(configurations);
        graph.add(std::string(line.substr(0, eq)), std::move(c));
    }
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::java
