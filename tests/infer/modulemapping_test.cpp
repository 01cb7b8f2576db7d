// Tests for ModuleMapping and the stdlib list: project name -> modules (spec §5.4, §5.8).
#include "core/infer/modulemapping.h"
#include "core/infer/stdlibmodules.h"

#include <QTest>

using namespace trellis::infer;

class ModuleMappingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testBuiltin_data();
    void testBuiltin();
    void testNormalize_data();
    void testNormalize();
    void testProjectName_data();
    void testProjectName();
    void testStdlib_data();
    void testStdlib();
    void testTablesSorted();
};

void ModuleMappingTest::testBuiltin_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QStringList>("modules");
    QTest::addColumn<bool>("stub");

    QTest::newRow("default mapping") << "PyYAML" << QStringList{"yaml"} << false;
    QTest::newRow("multi") << "setuptools" << QStringList{"easy_install", "pkg_resources", "setuptools"} << false;
    QTest::newRow("normalized key") << "Scikit_Learn" << QStringList{"sklearn"} << false;
    QTest::newRow("protobuf") << "protobuf" << QStringList{"google.protobuf"} << false;
    // Entries Pants added after the table was first taken (pantsbuild/pants imports
    // opentelemetry.proto and failed with "cannot infer owners").
    QTest::newRow("opentelemetry-proto") << "opentelemetry-proto" << QStringList{"opentelemetry.proto"} << false;
    QTest::newRow("mysqlclient") << "mysqlclient" << QStringList{"MySQLdb"} << false;
    QTest::newRow("discord.py") << "discord.py" << QStringList{"discord"} << false;
    QTest::newRow("stub table") << "types-PyYAML" << QStringList{"yaml"} << true;
    QTest::newRow("stub table dateutil") << "types-python-dateutil" << QStringList{"dateutil"} << true;
    QTest::newRow("types- pattern") << "types-requests" << QStringList{"requests"} << true;
    QTest::newRow("stubs- pattern") << "stubs-foo-bar" << QStringList{"foo_bar"} << true;
    QTest::newRow("-stubs pattern") << "django-stubs" << QStringList{"django"} << true;
    QTest::newRow("-types pattern") << "foo_types" << QStringList{"foo"} << true;
    QTest::newRow("python- pattern") << "python-dateutil" << QStringList{"dateutil"} << false;
    QTest::newRow("django- pattern") << "django-admin-cursor-paginator" << QStringList{"admin_cursor_paginator"} << false;
    QTest::newRow("azure pattern") << "azure-storage-blob" << QStringList{"azure.storage.blob"} << false;
    QTest::newRow("google cloud") << "google-cloud-secret-manager"
                                  << QStringList{"google.cloud.secretmanager", "google.cloud.secretmanager_v1",
                                                 "google.cloud.secretmanager_v2", "google.cloud.secretmanager_v3"}
                                  << false;
    QTest::newRow("otel instrumentation") << "opentelemetry-instrumentation-aiohttp-client"
                                          << QStringList{"opentelemetry.instrumentation.aiohttp_client"} << false;
    QTest::newRow("oslo") << "oslo-config" << QStringList{"oslo_config"} << false;
    QTest::newRow("airflow providers") << "apache-airflow-providers-cncf-kubernetes"
                                       << QStringList{"airflow.providers.cncf.kubernetes"} << false;
    QTest::newRow("fallback") << "Some-Project" << QStringList{"some_project"} << false;
    QTest::newRow("fallback keeps dots") << "ruamel.yaml" << QStringList{"ruamel.yaml"} << false;
}

void ModuleMappingTest::testBuiltin()
{
    QFETCH(QString, project);
    QFETCH(QStringList, modules);
    QFETCH(bool, stub);
    const ProvidedModules p = builtinModulesFor(project.toStdString());
    QStringList actual;
    for (const std::string &m : p.modules)
        actual << QString::fromStdString(m);
    QCOMPARE(actual, modules);
    QCOMPARE(p.stub, stub);
}

void ModuleMappingTest::testNormalize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("case") << "PyYAML" << "pyyaml";
    QTest::newRow("runs") << "a__b.-c" << "a-b-c";
    QTest::newRow("dots") << "ruamel.yaml" << "ruamel-yaml";
}

void ModuleMappingTest::testNormalize()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(normalizeProjectName(name.toStdString())), expected);
}

void ModuleMappingTest::testProjectName_data()
{
    QTest::addColumn<QString>("requirement");
    QTest::addColumn<QString>("expected");
    QTest::newRow("version") << "PyYAML>=6.0" << "PyYAML";
    QTest::newRow("extras") << "uvicorn[standard]==0.2" << "uvicorn";
    QTest::newRow("marker") << "  six ; python_version<'3'" << "six";
    QTest::newRow("url") << "pkg @ https://x/y.whl" << "pkg";
}

void ModuleMappingTest::testProjectName()
{
    QFETCH(QString, requirement);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(projectNameOf(requirement.toStdString())), expected);
}

void ModuleMappingTest::testStdlib_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("expected");
    QTest::newRow("os") << "os" << true;
    QTest::newRow("removed asyncore") << "asyncore" << true;
    QTest::newRow("3.14 annotationlib") << "annotationlib" << true;
    QTest::newRow("future") << "__future__" << true;
    QTest::newRow("yaml") << "yaml" << false;
    QTest::newRow("dotted is not top-level") << "os.path" << false;
}

void ModuleMappingTest::testStdlib()
{
    QFETCH(QString, name);
    QFETCH(bool, expected);
    QCOMPARE(isStdlibModule(name.toStdString()), expected);
}

void ModuleMappingTest::testTablesSorted()
{
    QCOMPARE(defaultModuleMapping().size(), size_t(144)); // every entry of Pants 7f5db53's table
    QCOMPARE(defaultTypeStubModuleMapping().size(), size_t(11));
    QVERIFY(std::is_sorted(defaultModuleMapping().begin(), defaultModuleMapping().end()));
    QVERIFY(std::is_sorted(stdlibModules().begin(), stdlibModules().end()));
}

QTEST_GUILESS_MAIN(ModuleMappingTest)
#include "modulemapping_test.moc"
