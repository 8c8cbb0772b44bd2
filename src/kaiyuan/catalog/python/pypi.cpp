#include "kaiyuan/catalog/python/pypi.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"

#include <cctype>

namespace kaiyuan::catalog::python {

std::string normalize_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '-' || c == '_' || c == '.') {
            if (!out.empty() && out.back() != '-') out += '-';
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

model::Component pypi_component(std::string_view name, std::string_view version,
                                const model::Location& file, std::uint32_t line) {
    model::Component c = make_package("pypi", "", normalize_name(name), version, file, line);
    c.name = std::string(name);
    return c;
}

} // namespace kaiyuan::catalog::python
