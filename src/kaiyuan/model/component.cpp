#include "kaiyuan/model/component.hpp"

#include "kaiyuan/util/hash.hpp"

#include <cstdio>

namespace kaiyuan::model {

const char* to_string(ComponentType t) {
    switch (t) {
    case ComponentType::library:
        return "library";
    case ComponentType::application:
        return "application";
    case ComponentType::operating_system:
        return "operating-system";
    case ComponentType::container:
        return "container";
    case ComponentType::file:
        return "file";
    case ComponentType::framework:
        return "framework";
    }
    return "library";
}

ComponentType component_type_from_string(std::string_view s) {
    if (s == "application") return ComponentType::application;
    if (s == "operating-system" || s == "OPERATING_SYSTEM" || s == "operatingSystem")
        return ComponentType::operating_system;
    if (s == "container" || s == "CONTAINER") return ComponentType::container;
    if (s == "file" || s == "FILE") return ComponentType::file;
    if (s == "framework" || s == "FRAMEWORK") return ComponentType::framework;
    if (s == "APPLICATION") return ComponentType::application;
    return ComponentType::library;
}

void assign_id(Component& c) {
    std::string key = !c.purl.empty() ? c.purl
                                      : std::string(to_string(c.type)) + "\n" + c.package_type +
                                            "\n" + c.name + "\n" + c.version + "\n" + c.arch;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(util::fnv1a64(key)));
    c.id = buf;
}

bool is_os_package(const Component& c) {
    return c.package_type == "deb" || c.package_type == "rpm" || c.package_type == "apk";
}

std::string package_database_root(std::string_view location) {
    for (std::string_view db : {"var/lib/dpkg/", "var/lib/rpm/", "usr/lib/sysimage/rpm/",
                                "usr/share/rpm/", "lib/apk/db/"}) {
        auto at = location.find(db);
        if (at != std::string_view::npos && (at == 0 || location[at - 1] == '/'))
            return std::string(location.substr(0, at));
    }
    return {};
}

} // namespace kaiyuan::model
