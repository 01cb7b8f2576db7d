#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace trellis::ui {

Translations::~Translations() { removeAll(); }

void Translations::removeAll()
{
    if (m_trellis)
        QCoreApplication::removeTranslator(m_trellis.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_trellis.reset();
    m_qt.reset();
}

QString Translations::load(const QString &language)
{
    removeAll();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto trellis = std::make_unique<QTranslator>();
    if (!trellis->load(locale, QStringLiteral("trellis"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        // English needs only its plural forms ("1 target", "2 targets").
        if (trellis->load(QStringLiteral(":/i18n/trellis_en.qm")))
            QCoreApplication::installTranslator(trellis.get());
        m_trellis = std::move(trellis);
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(trellis.get());
    m_trellis = std::move(trellis);
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qt = std::move(qt);
    }
    return m_trellis->language().section(QLatin1Char('_'), 0, 0);
}

QStringList Translations::availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("ko"), QStringLiteral("ja")};
}

QString Translations::nativeName(const QString &language)
{
    const QLocale locale(language);
    QString name = locale.nativeLanguageName();
    if (language == QLatin1String("en"))
        name = QStringLiteral("English");
    return name.isEmpty() ? language : name;
}

} // namespace trellis::ui
