#include "kaiyuan/catalog/python/installed.hpp"
#include "kaiyuan/catalog/python/pipfile_lock.hpp"
#include "kaiyuan/catalog/python/project.hpp"
#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/catalog/python/requirement.hpp"
#include "kaiyuan/catalog/python/toml_lock.hpp"
#include "kaiyuan/util/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

using namespace kaiyuan;
using namespace kaiyuan::catalog::python;

namespace {

std::optional<std::string> shared(const std::string& rel) {
    std::string path = std::string(KAIYUAN_SHARED_DATA) + "/manifests/" + rel;
    if (!std::filesystem::exists(path)) return std::nullopt;
    return util::read_file(path).value();
}

std::map<std::string, const model::Component*> by_name(const catalog::CatalogResult& r) {
    std::map<std::string, const model::Component*> out;
    for (const auto& c : r.components)
        out[c.name] = &c;
    return out;
}

// Counts "[[package]]" headers: an oracle independent of the TOML parser.
std::size_t package_tables(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = text.find("[[package]]"); at != std::string::npos;
         at = text.find("[[package]]", at + 1))
        ++n;
    return n;
}

} // namespace

TEST(Pypi, names_are_normalised_per_pep_503) {
    EXPECT_EQ(normalize_name("Typing_Extensions"), "typing-extensions");
    EXPECT_EQ(normalize_name("zope.interface"), "zope-interface");
    EXPECT_EQ(normalize_name("a-_.b"), "a-b");
    EXPECT_EQ(pypi_component("Flask_SQLAlchemy", "3.1", {"f", "", 0}, 1).purl,
              "pkg:pypi/flask-sqlalchemy@3.1");
}

TEST(Requirements, pins_extras_markers_urls_hashes_and_continuations) {
    auto file = read_requirements("# comment\n"
                                  "--index-url https://example.invalid/simple\n"
                                  "requests[security,socks]==2.31.0 ; python_version >= \"3.8\"\n"
                                  "Django>=4.2,<5  # LTS\n"
                                  "numpy==1.26.4 \\\n"
                                  "    --hash=sha256:aaaa \\\n"
                                  "    --hash=sha256:bbbb\n"
                                  "pkg @ https://example.invalid/pkg-1.0.tar.gz\n"
                                  "https://example.invalid/wheels/six-1.16.0-py2.py3-none-any.whl\n"
                                  "-r base.txt\n"
                                  "-c constraints.txt\n"
                                  "-e git+https://example.invalid/repo.git#egg=editable_pkg\n"
                                  "!!bad\n",
                                  {"requirements.txt", "", 0});
    ASSERT_EQ(file.requirements.size(), 6u);
    EXPECT_EQ(file.includes, std::vector<std::string>{"base.txt"});
    EXPECT_EQ(file.constraints, std::vector<std::string>{"constraints.txt"});
    ASSERT_EQ(file.diagnostics.size(), 1u);
    EXPECT_EQ(file.diagnostics[0].location.line, 13u);
    auto r = requirements_components(file, {"requirements.txt", "", 0}, {{"django", "4.2.11"}});
    auto c = by_name(r);
    EXPECT_EQ(c.at("requests")->purl, "pkg:pypi/requests@2.31.0");
    EXPECT_EQ(c.at("requests")->properties.at("kaiyuan:python:extras"), "security,socks");
    EXPECT_EQ(c.at("requests")->properties.at("kaiyuan:python:marker"),
              "python_version >= \"3.8\"");
    EXPECT_EQ(c.at("Django")->version, "4.2.11"); // from the constraints
    EXPECT_EQ(c.at("Django")->properties.at("kaiyuan:python:specifier"), ">=4.2,<5");
    EXPECT_EQ(c.at("numpy")->locations.at(0).line, 5u);
    EXPECT_EQ(c.at("numpy")->hashes.size(), 2u);
    EXPECT_EQ(c.at("pkg")->properties.at("kaiyuan:python:url"),
              "https://example.invalid/pkg-1.0.tar.gz");
    EXPECT_EQ(c.at("six")->version, "1.16.0");
    EXPECT_EQ(c.at("editable_pkg")->purl, "pkg:pypi/editable-pkg");
}

TEST(Requirements, empty_and_not_this_format) {
    EXPECT_TRUE(read_requirements("", {"r.txt", "", 0}).requirements.empty());
    auto file = read_requirements("{\"json\": true}\n<html>\n", {"r.txt", "", 0});
    EXPECT_TRUE(file.requirements.empty());
    EXPECT_EQ(file.diagnostics.size(), 2u);
}

TEST(PoetryLock, groups_optional_and_graph_on_the_real_poetry_lock) {
    auto text = shared("python/poetry/poetry.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = parse_poetry_lock(*text, {"poetry.lock", "", 0});
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(r.components.size(), package_tables(*text));
    auto c = by_name(r);
    EXPECT_EQ(c.at("anyio")->purl, "pkg:pypi/anyio@4.13.0");
    EXPECT_EQ(c.at("anyio")->locations.at(0).line, 3u);
    std::set<std::string> anyio_deps;
    for (const auto& e : r.relationships)
        if (e.from == c.at("anyio")->id)
            for (const auto& [n, comp] : c)
                if (comp->id == e.to) anyio_deps.insert(n);
    EXPECT_TRUE(anyio_deps.contains("idna"));
}

TEST(PoetryLock, fixture_scopes_and_bad_input) {
    auto r =
        parse_poetry_lock("[[package]]\nname = \"A_B\"\nversion = \"1.0\"\ngroups = [\"dev\"]\n"
                          "[package.dependencies]\nc = {version = \">=1\", optional = true}\n"
                          "[[package]]\nname = \"c\"\nversion = \"2.0\"\noptional = true\n"
                          "groups = [\"main\"]\n",
                          {"poetry.lock", "", 0});
    ASSERT_EQ(r.components.size(), 2u);
    EXPECT_EQ(r.components[0].purl, "pkg:pypi/a-b@1.0");
    EXPECT_EQ(r.components[0].properties.at("kaiyuan:scope"), "dev");
    EXPECT_EQ(r.components[1].properties.at("kaiyuan:scope"), "optional");
    ASSERT_EQ(r.relationships.size(), 1u);
    EXPECT_EQ(r.relationships[0].type, model::RelationshipType::optional_depends_on);
    for (const char* bad : {"", "[[package]\nname=", "not = toml = at all"}) {
        auto b = parse_poetry_lock(bad, {"poetry.lock", "", 0});
        EXPECT_TRUE(b.components.empty());
        ASSERT_EQ(b.diagnostics.size(), 1u) << bad;
        EXPECT_EQ(b.diagnostics[0].location.path, "poetry.lock");
    }
}

TEST(UvLock, project_root_dev_groups_and_extras_on_real_flask) {
    auto text = shared("python/flask/uv.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = parse_uv_lock(*text, {"uv.lock", "", 0});
    EXPECT_TRUE(r.diagnostics.empty());
    EXPECT_EQ(r.components.size(), package_tables(*text));
    auto c = by_name(r);
    EXPECT_EQ(c.at("flask")->type, model::ComponentType::application);
    EXPECT_EQ(c.at("werkzeug")->properties.at("kaiyuan:direct"), "true");
    EXPECT_FALSE(c.at("werkzeug")->properties.contains("kaiyuan:scope"));
    EXPECT_EQ(c.at("pytest")->properties.at("kaiyuan:scope"), "dev");
    EXPECT_EQ(c.at("asgiref")->properties.at("kaiyuan:scope"), "optional"); // the async extra
}

TEST(PdmLock, groups_and_requirement_strings) {
    auto r = parse_pdm_lock(
        "[metadata]\ngroups = [\"default\", \"test\"]\n\n"
        "[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\ngroups = [\"default\"]\n"
        "dependencies = [\"idna<4,>=2.5\", \"urllib3[socks]>=1.21.1; python_version > '3'\"]\n\n"
        "[[package]]\nname = \"idna\"\nversion = \"3.6\"\ngroups = [\"default\"]\n\n"
        "[[package]]\nname = \"pytest\"\nversion = \"8.0.0\"\ngroups = [\"test\"]\n",
        {"pdm.lock", "", 0});
    ASSERT_EQ(r.components.size(), 3u);
    EXPECT_EQ(r.components[2].properties.at("kaiyuan:scope"), "dev");
    EXPECT_EQ(r.components[0].locations.at(0).line, 4u);
    ASSERT_EQ(r.relationships.size(), 1u); // urllib3 is not locked: reported, not invented
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].severity, model::Severity::info);
}

TEST(PipfileLock, default_and_develop_on_real_pipenv) {
    auto text = shared("python/pipenv/Pipfile.lock");
    if (!text) GTEST_SKIP() << "../shared/data/manifests absent";
    auto r = parse_pipfile_lock(*text, {"Pipfile.lock", "", 0});
    EXPECT_TRUE(r.diagnostics.empty());
    std::size_t dev = 0;
    for (const auto& c : r.components) {
        dev += c.properties.contains("kaiyuan:scope");
        EXPECT_FALSE(c.version.starts_with("=")) << c.name;
        EXPECT_GT(c.locations.at(0).line, 1u);
    }
    EXPECT_GT(dev, 50u);
    EXPECT_FALSE(parse_pipfile_lock("{}", {"Pipfile.lock", "", 0}).diagnostics.empty());
    EXPECT_FALSE(parse_pipfile_lock("", {"Pipfile.lock", "", 0}).diagnostics.empty());
}

TEST(PythonInstalled, metadata_licenses_and_graph_within_a_site_directory) {
    std::vector<catalog::FileData> data = {
        {"usr/lib/python3/dist-packages/requests-2.28.1.egg-info", "",
         "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\nLicense: Apache 2.0\n"
         "Classifier: License :: OSI Approved :: Apache Software License\n"
         "Requires-Dist: idna (<4,>=2.5)\nRequires-Dist: PySocks!=1.5.7,>=1.5.6; extra == "
         "\"socks\"\n"},
        {"usr/lib/python3/dist-packages/idna-3.3.dist-info/METADATA", "",
         "Metadata-Version: 2.4\nName: idna\nVersion: 3.3\nLicense-Expression: BSD-3-Clause\n"
         "Author-email: Kim <kim@example.invalid>\n\nBody: not a header\n"},
        {"venv/lib/python3.11/site-packages/broken.dist-info/METADATA", "", "garbage"},
    };
    std::vector<const catalog::FileData*> files;
    for (const auto& f : data)
        files.push_back(&f);
    auto r = catalog_installed(files);
    ASSERT_EQ(r.components.size(), 2u);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].location.path,
              "venv/lib/python3.11/site-packages/broken.dist-info/METADATA");
    auto c = by_name(r);
    EXPECT_EQ(c.at("requests")->license_declared, "Apache-2.0");
    EXPECT_EQ(c.at("idna")->license_declared, "BSD-3-Clause");
    EXPECT_EQ(c.at("idna")->supplier, "Kim <kim@example.invalid>");
    ASSERT_EQ(r.relationships.size(), 1u);
    EXPECT_EQ(r.relationships[0].from, c.at("requests")->id);
}

TEST(PythonProject, pyproject_pep621_groups_and_poetry_tables) {
    auto p = parse_pyproject("[project]\nname = \"App\"\nversion = \"1.0\"\n"
                             "dependencies = [\"Requests>=2\", \"idna; python_version>'3'\"]\n"
                             "[project.optional-dependencies]\nsocks = [\"PySocks\"]\n"
                             "[dependency-groups]\ntest = [\"pytest\"]\n"
                             "[tool.poetry.group.docs.dependencies]\nsphinx = \"*\"\n"
                             "[tool.poetry.dependencies]\npython = \"^3.10\"\nrich = {version = "
                             "\"*\", optional = true}\n");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->name, "App");
    using RT = model::RelationshipType;
    std::map<std::string, RT> deps(p->dependencies.begin(), p->dependencies.end());
    EXPECT_EQ(deps, (std::map<std::string, RT>{{"requests", RT::depends_on},
                                               {"idna", RT::depends_on},
                                               {"pysocks", RT::optional_depends_on},
                                               {"pytest", RT::dev_depends_on},
                                               {"sphinx", RT::dev_depends_on},
                                               {"rich", RT::optional_depends_on}}));
    EXPECT_FALSE(parse_pyproject("not toml = = ="));
    EXPECT_FALSE(parse_pyproject("[tool.black]\nline-length = 100\n"));
    auto pipfile = parse_pipfile("[packages]\nrequests = \"*\"\n[dev-packages]\npytest = \"*\"\n");
    ASSERT_TRUE(pipfile);
    EXPECT_EQ(pipfile->dependencies.size(), 2u);
}

TEST(PoetryLock, with_its_pyproject_the_project_is_the_root) {
    auto lock = shared("python/poetry/poetry.lock");
    auto manifest = shared("python/poetry/pyproject.toml");
    if (!lock || !manifest) GTEST_SKIP() << "../shared/data/manifests absent";
    auto project = parse_pyproject(*manifest);
    ASSERT_TRUE(project);
    auto r = parse_poetry_lock(*lock, {"poetry.lock", "", 0}, &*project);
    EXPECT_EQ(r.components.size(), package_tables(*lock) + 1);
    auto c = by_name(r);
    EXPECT_EQ(c.at(project->name)->type, model::ComponentType::application);
    std::size_t direct = 0;
    for (const auto& comp : r.components)
        direct += comp.properties.contains("kaiyuan:direct");
    std::set<std::string> wanted;
    for (const auto& dependency : project->dependencies) {
        const std::string& name = dependency.first; // (clang 14 cannot capture a binding)
        if (std::any_of(r.components.begin(), r.components.end(),
                        [&](const auto& comp) { return normalize_name(comp.name) == name; }))
            wanted.insert(name);
    }
    EXPECT_EQ(direct, wanted.size());
    EXPECT_TRUE(r.diagnostics.empty() || r.diagnostics[0].severity == model::Severity::info);
}
