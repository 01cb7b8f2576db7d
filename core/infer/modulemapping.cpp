// The tables below are Pants' src/python/pants/backend/python/dependency_inference/
// default_module_mapping.py (as of pantsbuild/pants 7f5db53), embedded as data; the pattern rules are its regexes
// re-expressed as prefix/suffix tests (each pattern consumes the whole normalized name).
#include "core/infer/modulemapping.h"

#include <algorithm>

namespace trellis::infer {

namespace {

struct MappingEntry {
    std::string_view project; ///< normalized
    std::string_view modules; ///< comma-separated
};

constexpr MappingEntry kDefaultModuleMapping[] = {
    {"absl-py", "absl"},
    {"acryl-datahub", "datahub"},
    {"amplitude-analytics", "amplitude"},
    {"ansicolors", "colors"},
    {"antlr4-python3-runtime", "antlr4"},
    {"apache-airflow", "airflow"},
    {"apache-airflow-client", "airflow_client"},
    {"apache-airflow-mypy", "airflow_mypy"},
    {"atlassian-python-api", "atlassian"},
    {"attrs", "attr,attrs"},
    {"auth0-python", "auth0"},
    {"bandwidth-sdk", "bandwidth"},
    {"beautifulsoup4", "bs4"},
    {"biopython", "Bio,BioSQL"},
    {"bitvector", "BitVector"},
    {"cattrs", "cattr,cattrs"},
    {"cloud-sql-python-connector", "google.cloud.sql.connector"},
    {"confluent-kafka", "confluent_kafka"},
    {"coolprop", "CoolProp"},
    {"databricks-sdk", "databricks.sdk"},
    {"databricks-sql-connector", "databricks.sql,databricks.sqlalchemy"},
    {"delta-spark", "delta"},
    {"discord-py", "discord"},
    {"django-activity-stream", "actstream"},
    {"django-cors-headers", "corsheaders"},
    {"django-countries", "django_countries"},
    {"django-extensions", "django_extensions"},
    {"django-fernet-fields-v2", "fernet_fields"},
    {"django-filter", "django_filters"},
    {"django-fsm", "django_fsm"},
    {"django-money", "djmoney"},
    {"django-notifications-hq", "notifications"},
    {"django-oauth-toolkit", "oauth2_provider"},
    {"django-object-actions", "django_object_actions"},
    {"django-postgres-extra", "psqlextra"},
    {"django-pylibmc", "django_pylibmc"},
    {"django-redis", "django_redis"},
    {"django-scim2", "django_scim"},
    {"django-two-factor-auth", "two_factor"},
    {"django-user-agents", "django_user_agents"},
    {"djangorestframework", "rest_framework"},
    {"djangorestframework-api-key", "rest_framework_api_key"},
    {"djangorestframework-dataclasses", "rest_framework_dataclasses"},
    {"djangorestframework-jwt", "rest_framework_jwt"},
    {"djangorestframework-queryfields", "drf_queryfields"},
    {"djangorestframework-simplejwt", "rest_framework_simplejwt"},
    {"dnspython", "dns"},
    {"drf-api-tracking", "rest_framework_tracking"},
    {"drf-openapi-tester", "openapi_tester"},
    {"elastic-apm", "elasticapm"},
    {"enum34", "enum"},
    {"factory-boy", "factory"},
    {"faiss-cpu", "faiss"},
    {"faiss-gpu", "faiss"},
    {"fluent-logger", "fluent"},
    {"fonttools", "fontTools"},
    {"gitpython", "git"},
    {"google-api-python-client", "googleapiclient"},
    {"google-auth", "google.auth,google.oauth2"},
    {"graphql-core", "graphql"},
    {"grpcio", "grpc"},
    {"grpcio-channelz", "grpcio_channelz"},
    {"grpcio-health-checking", "grpc_health"},
    {"grpcio-reflection", "grpc_reflection"},
    {"grpcio-status", "grpc_status"},
    {"grpcio-testing", "grpc_testing"},
    {"hdrhistogram", "hdrh"},
    {"honeycomb-opentelemetry", "honeycomb.opentelemetry"},
    {"ipython", "IPython"},
    {"jack-client", "jack"},
    {"kafka-python", "kafka"},
    {"lark-parser", "lark"},
    {"launchdarkly-server-sdk", "ldclient"},
    {"mail-parser", "mailparser"},
    {"matplotlib", "matplotlib,mpl_toolkits"},
    {"matrix-nio", "nio"},
    {"mysql-connector-python", "mysql.connector"},
    {"mysqlclient", "MySQLdb"},
    {"netcdf4", "netCDF4"},
    {"o365", "O365"},
    {"opencv-python", "cv2"},
    {"opencv-python-headless", "cv2"},
    {"opensearch-py", "opensearchpy"},
    {"opentelemetry-api", "opentelemetry._logs,opentelemetry.attributes,opentelemetry.baggage,opentelemetry.context,opentelemetry.environment_variables,opentelemetry.metrics,opentelemetry.propagate,opentelemetry.propagators,opentelemetry.trace,opentelemetry.util,opentelemetry.version"},
    {"opentelemetry-exporter-otlp", "opentelemetry.exporter.otlp"},
    {"opentelemetry-exporter-otlp-proto-grpc", "opentelemetry.exporter.otlp.proto.grpc"},
    {"opentelemetry-exporter-otlp-proto-http", "opentelemetry.exporter.otlp.proto.http"},
    {"opentelemetry-instrumentation-kafka-python", "opentelemetry.instrumentation.kafka"},
    {"opentelemetry-proto", "opentelemetry.proto"},
    {"opentelemetry-sdk", "opentelemetry.sdk"},
    {"opentelemetry-semantic-conventions", "opentelemetry.semconv"},
    {"opentelemetry-test-utils", "opentelemetry.test"},
    {"paho-mqtt", "paho"},
    {"phonenumberslite", "phonenumbers"},
    {"pillow", "PIL"},
    {"pip-tools", "piptools"},
    {"progressbar2", "progressbar"},
    {"protobuf", "google.protobuf"},
    {"psycopg2-binary", "psycopg2"},
    {"py-healthcheck", "healthcheck"},
    {"pycrypto", "Crypto"},
    {"pycryptodome", "Crypto"},
    {"pyerfa", "erfa"},
    {"pygithub", "github"},
    {"pygobject", "gi"},
    {"pyhamcrest", "hamcrest"},
    {"pyicu", "icu"},
    {"pyjwt", "jwt"},
    {"pykube-ng", "pykube"},
    {"pymongo", "bson,gridfs,pymongo"},
    {"pymupdf", "fitz,pymupdf"},
    {"pynacl", "nacl"},
    {"pyopenssl", "OpenSSL"},
    {"pypdf2", "PyPDF2"},
    {"pypi-kenlm", "kenlm"},
    {"pyshp", "shapefile"},
    {"pysocks", "socks"},
    {"pytest", "pytest,_pytest"},
    {"pytest-runner", "ptr"},
    {"python-json-logger", "pythonjsonlogger"},
    {"python-levenshtein", "Levenshtein"},
    {"python-lsp-jsonrpc", "pylsp_jsonrpc"},
    {"python-sat", "pysat"},
    {"pywavelets", "pywt"},
    {"pywinrm", "winrm"},
    {"pyyaml", "yaml"},
    {"randomwords", "random_words"},
    {"robotraconteur", "RobotRaconteur"},
    {"scikit-image", "skimage"},
    {"scikit-learn", "sklearn"},
    {"scikit-video", "skvideo"},
    {"setuptools", "easy_install,pkg_resources,setuptools"},
    {"sisl", "sisl,sisl_toolbox"},
    {"snowflake-connector-python", "snowflake.connector"},
    {"snowflake-snowpark-python", "snowflake.snowpark"},
    {"snowflake-sqlalchemy", "snowflake.sqlalchemy"},
    {"social-auth-app-django", "social_django"},
    {"social-auth-core", "social_core"},
    {"sseclient-py", "sseclient"},
    {"strawberry-graphql", "strawberry"},
    {"streamlit-aggrid", "st_aggrid"},
    {"unittest-xml-reporting", "xmlrunner"},
    {"unleashclient", "UnleashClient"},
    {"websocket-client", "websocket"},
};

constexpr MappingEntry kDefaultTypeStubModuleMapping[] = {
    {"djangorestframework-types", "rest_framework"},
    {"lark-stubs", "lark"},
    {"types-beautifulsoup4", "bs4"},
    {"types-enum34", "enum34"},
    {"types-pillow", "PIL"},
    {"types-protobuf", "google.protobuf"},
    {"types-pycrypto", "Crypto"},
    {"types-pyopenssl", "OpenSSL"},
    {"types-python-dateutil", "dateutil"},
    {"types-pyyaml", "yaml"},
    {"types-setuptools", "easy_install,pkg_resources,setuptools"},
};

std::vector<std::string> splitModules(std::string_view csv)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= csv.size()) {
        size_t comma = csv.find(',', start);
        if (comma == std::string_view::npos)
            comma = csv.size();
        out.emplace_back(csv.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

template <size_t N>
const MappingEntry *lookup(const MappingEntry (&table)[N], std::string_view normalized)
{
    auto it = std::lower_bound(std::begin(table), std::end(table), normalized,
                               [](const MappingEntry &e, std::string_view k) { return e.project < k; });
    return it != std::end(table) && it->project == normalized ? &*it : nullptr;
}

template <size_t N>
std::vector<std::pair<std::string, std::vector<std::string>>> toVector(const MappingEntry (&table)[N])
{
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const MappingEntry &e : table)
        out.emplace_back(std::string(e.project), splitModules(e.modules));
    return out;
}

std::string replaceHyphens(std::string_view s, std::string_view with)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '-')
            out += with;
        else
            out += c;
    }
    return out;
}

/// DEFAULT_TYPE_STUB_MODULE_PATTERN_MAPPING: stubs-X, types-X, X-stubs, X-types (also with '_').
std::vector<std::string> stubPatterns(std::string_view n)
{
    auto group = [](std::string_view g) { return std::vector<std::string>{replaceHyphens(g, "_")}; };
    for (std::string_view prefix : {"stubs", "types"}) {
        if (n.size() > prefix.size() + 1 && n.starts_with(prefix) && (n[prefix.size()] == '-' || n[prefix.size()] == '_'))
            return group(n.substr(prefix.size() + 1));
    }
    // ^(.+)[_-]stubs / ^(.+)[_-]types: greedy group, so the *last* separator before the word.
    for (std::string_view word : {"stubs", "types"}) {
        for (size_t pos = n.rfind(word); pos != std::string_view::npos && pos >= 2;
             pos = pos == 0 ? std::string_view::npos : n.rfind(word, pos - 1)) {
            if (n[pos - 1] == '-' || n[pos - 1] == '_')
                return group(n.substr(0, pos - 1));
        }
    }
    return {};
}

/// DEFAULT_MODULE_PATTERN_MAPPING, plus apache-airflow-providers-X -> airflow.providers.X (spec §5.4).
std::vector<std::string> implPatterns(std::string_view n)
{
    if (n.starts_with("apache-airflow-providers-") && n.size() > 25)
        return {"airflow.providers." + replaceHyphens(n.substr(25), ".")};
    if (n.starts_with("azure-") && n.size() > 6)
        return {replaceHyphens(n, ".")};
    if (n.starts_with("django-") && n.size() > 7)
        return {replaceHyphens(n.substr(7), "_")};
    if (n.starts_with("google-cloud-") && n.size() > 13 && n.substr(13).find('.') != 0) {
        const std::string_view rest = n.substr(13);
        const std::string stem = "google.cloud." + replaceHyphens(rest.substr(0, rest.find('.')), "");
        return {stem, stem + "_v1", stem + "_v2", stem + "_v3"};
    }
    if (n.starts_with("opentelemetry-instrumentation-") && n.size() > 30) {
        const std::string_view rest = n.substr(30);
        return {"opentelemetry.instrumentation." + replaceHyphens(rest.substr(0, rest.find('.')), "_")};
    }
    if (n.starts_with("oslo-") && n.size() > 5)
        return {replaceHyphens(n, "_")};
    if (n.starts_with("python-") && n.size() > 7)
        return {replaceHyphens(n.substr(7), "_")};
    return {};
}

} // namespace

std::string projectNameOf(std::string_view requirement)
{
    size_t i = 0;
    while (i < requirement.size() && (requirement[i] == ' ' || requirement[i] == '\t'))
        ++i;
    const size_t start = i;
    while (i < requirement.size()) {
        const char c = requirement[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.';
        if (!ok)
            break;
        ++i;
    }
    return std::string(requirement.substr(start, i - start));
}

ProvidedModules builtinModulesFor(std::string_view projectName)
{
    const std::string n = normalizeProjectName(projectName);
    if (const MappingEntry *e = lookup(kDefaultModuleMapping, n))
        return {splitModules(e->modules), false};
    if (const MappingEntry *e = lookup(kDefaultTypeStubModuleMapping, n))
        return {splitModules(e->modules), true};
    if (auto stubs = stubPatterns(n); !stubs.empty())
        return {std::move(stubs), true};
    if (auto impls = implPatterns(n); !impls.empty())
        return {std::move(impls), false};
    std::string fallback;
    for (char c : projectName) {
        if (c == ' ' || c == '\t')
            continue;
        fallback += c == '-' ? '_' : (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    return {{fallback}, false};
}

const std::vector<std::pair<std::string, std::vector<std::string>>> &defaultModuleMapping()
{
    static const auto table = toVector(kDefaultModuleMapping);
    return table;
}

const std::vector<std::pair<std::string, std::vector<std::string>>> &defaultTypeStubModuleMapping()
{
    static const auto table = toVector(kDefaultTypeStubModuleMapping);
    return table;
}

} // namespace trellis::infer
