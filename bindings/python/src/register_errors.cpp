// C++ exceptions become the Python classes of taizhang/_errors.py, one to one, with the code and
// the place the bad input came from as attributes.
#include "common.hpp"

namespace taizhang::python {

namespace {

const char* class_name(const Error& e) {
  if (dynamic_cast<const ValidationError*>(&e) != nullptr) return "ValidationError";
  if (dynamic_cast<const ParseError*>(&e) != nullptr) return "ParseError";
  if (dynamic_cast<const UnitError*>(&e) != nullptr) return "UnitError";
  if (dynamic_cast<const OverflowError*>(&e) != nullptr) return "OverflowError";
  if (dynamic_cast<const NotFoundError*>(&e) != nullptr) return "NotFoundError";
  if (dynamic_cast<const IoError*>(&e) != nullptr) return "IoError";
  if (dynamic_cast<const PermissionDenied*>(&e) != nullptr) return "PermissionDenied";
  if (dynamic_cast<const ConflictError*>(&e) != nullptr) return "ConflictError";
  if (dynamic_cast<const StorageError*>(&e) != nullptr) return "StorageError";
  switch (e.code()) {  // an Error thrown as the base class: by its code
    case ErrorCode::parse: return "ParseError";
    case ErrorCode::validation: return "ValidationError";
    case ErrorCode::unit_mismatch: return "UnitError";
    case ErrorCode::overflow: return "OverflowError";
    case ErrorCode::not_found: return "NotFoundError";
    case ErrorCode::io: return "IoError";
    case ErrorCode::permission_denied: return "PermissionDenied";
    case ErrorCode::conflict: return "ConflictError";
    case ErrorCode::storage: return "StorageError";
    case ErrorCode::internal: return "Error";
  }
  return "Error";
}

void raise(const Error& e) {
  const py::module_ errors = py::module_::import("taizhang._errors");
  const char* name = class_name(e);
  const py::object cls = errors.attr(name);
  py::dict kwargs;
  kwargs["code"] = to_string(e.code());
  kwargs["message"] = e.message();
  kwargs["file"] = e.where().file;
  kwargs["line"] = e.where().line;
  kwargs["column"] = e.where().column;
  kwargs["path"] = e.where().path;
  kwargs["message_id"] = e.message_id();
  py::dict arguments;
  for (const MessageArgument& a : e.arguments()) arguments[py::str(a.name)] = a.value;
  kwargs["arguments"] = arguments;
  if (const auto* v = dynamic_cast<const ValidationError*>(&e)) {
    py::list issues;
    for (const Issue& issue : v->issues()) issues.append(py::cast(issue));
    kwargs["issues"] = issues;
  }
  if (const auto* s = dynamic_cast<const StorageError*>(&e))
    kwargs["fault"] = to_string(s->fault());
  const py::object instance = cls(e.what(), **kwargs);
  PyErr_SetObject(cls.ptr(), instance.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  py::enum_<Issue::Severity>(m, "Severity", "How serious a validation issue is.")
      .value("error", Issue::Severity::error, "the plan cannot be used as it is")
      .value("warning", Issue::Severity::warning, "worth a look; the plan can be used");

  py::class_<MessageArgument> argument(m, "MessageArgument",
                                      "One named value of a message: ``{unit}`` → 区卫健局.");
  argument.def(py::init<>())
      .def_readwrite("name", &MessageArgument::name, "The placeholder's name, e.g. ``unit``.")
      .def_readwrite("value", &MessageArgument::value, "Its value, e.g. ``区卫健局``.")
      .def("__repr__",
           [](const MessageArgument& a) {
             return "MessageArgument(" + field("name", py::str(a.name)) + ", " +
                    field("value", py::str(a.value)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(argument, &MessageArgument::name, &MessageArgument::value);

  py::class_<Issue> issue(m, "Issue", R"doc(
One problem found by validation.

Attributes
----------
severity : Severity
    ``Severity.error`` or ``Severity.warning``.
path : str
    Where in the plan, e.g. ``"initiatives[3].targets[1].value"`` ("" for the whole plan).
message : str
    What is wrong, naming the offending value, in the language of the moment it was found.
place : str
    Where, as a person sees it: ``"实事二 第2项目标（2.2）"``, ``"第3行 第C列"`` ("" if none).
message_id : str
    The stable identifier of the message (its English template).
arguments : dict of str to str
    The values of the message's placeholders.
)doc");
  issue
      .def(py::init([](Issue::Severity severity, std::string path, std::string message,
                       std::string place) {
             return Issue{severity, std::move(path), Message(std::move(message)),
                          std::move(place)};
           }),
           py::arg("severity") = Issue::Severity::error, py::arg("path") = "",
           py::arg("message") = "", py::arg("place") = "")
      .def_readwrite("severity", &Issue::severity, "``Severity.error`` or ``Severity.warning``.")
      .def_readwrite("path", &Issue::path, "Where in the plan, e.g. ``initiatives[3].title``.")
      .def_readwrite("message", &Issue::message, "What is wrong.")
      .def_readwrite("place", &Issue::place, "Where, as a person sees it (实事二 第2项目标（2.2）).")
      .def_readonly("message_id", &Issue::message_id, "The stable identifier of the message.")
      .def_property_readonly(
          "arguments",
          [](const Issue& i) {
            py::dict d;
            for (const MessageArgument& a : i.arguments) d[py::str(a.name)] = a.value;
            return d;
          },
          "The values of the message's placeholders.")
      .def("__str__", [](const Issue& i) { return i.to_string(); })
      .def("__repr__",
           [](const Issue& i) {
             return "Issue(severity=" +
                    std::string(i.severity == Issue::Severity::error ? "Severity.error"
                                                                     : "Severity.warning") +
                    ", path=" + repr_of(py::str(i.path)) +
                    ", message=" + repr_of(py::str(i.message)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(issue, &Issue::severity, &Issue::path, &Issue::message, &Issue::place,
                &Issue::message_id, &Issue::arguments);

  py::enum_<Language>(m, "Language", "The language of the messages people read.")
      .value("chinese", Language::chinese, "简体中文 (the default)")
      .value("english", Language::english, "English");
  m.def(
      "language", []() { return std::string(to_string(language())); },
      R"doc(The language messages are rendered in now: ``"zh"`` or ``"en"``.

It starts from the environment (the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
that is set: English when it begins with ``en``, else Chinese) and :func:`set_language` changes it
for the whole process.)doc");
  m.def(
      "set_language",
      [](const std::string& name) {
        const std::optional<Language> l = language_from_string(name);
        if (!l) {
          throw Error(ErrorCode::parse,
                      Message("unknown language \"{language}\": use zh or en", {{"language", name}}));
        }
        set_language(*l);
      },
      py::arg("language"),
      R"doc(Render messages in ``"zh"`` (Chinese) or ``"en"`` (English) from now on, in every thread.)doc");

  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const Error& e) {
      raise(e);
    }
  });
}

}  // namespace taizhang::python
