#pragma once
/// The Java ecosystem: Maven's pom.xml (https://maven.apache.org/pom.html) with properties and
/// dependencyManagement resolved within the file, Gradle's dependency lockfile
/// (https://docs.gradle.org/current/userguide/dependency_locking.html), and jar/war/ear archives
/// (META-INF/maven/**/pom.properties, META-INF/MANIFEST.MF, nested jars).
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::java {

/// pkg:maven/group/artifact@version, with classifier and type qualifiers when given.
model::Component maven_component(std::string_view group, std::string_view artifact,
                                 std::string_view version, const model::Location& file,
                                 std::uint32_t line, std::string_view classifier = {},
                                 std::string_view type = {});

CatalogResult parse_pom(std::string_view text, const model::Location& location);
CatalogResult parse_gradle_lockfile(std::string_view text, const model::Location& location);
/// A Java archive; nested archives are read up to three levels deep.
CatalogResult parse_java_archive(std::string_view bytes, const model::Location& location);

} // namespace kaiyuan::catalog::java
