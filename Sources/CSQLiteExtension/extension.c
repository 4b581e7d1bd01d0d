// The loadable-extension side of SQLite: `sqlite3_vietsearchsqlite_init`, the entry point that
// SQLite derives from the file name libVietSearchSQLite.so, and one forwarder per SQLite function
// that ArticleIndex and VietSearchSQLite call.
//
// A loadable extension must reach SQLite only through the `sqlite3_api_routines` table the loader
// passes in: calling the system library directly would use a second copy of SQLite's state (its
// own mutexes, memory and VFS list) beside the one that opened the connection. The Swift code calls
// `sqlite3_step` and the rest by name, as it does in the `vietsearch` binary, where they resolve to
// the system library; in this library they resolve to the hidden forwarders below, each a call
// through the table. No `sqlite3_*` symbol is left undefined in libVietSearchSQLite.so (a test
// checks it with `nm`), and none is exported but the entry point.
#pragma GCC visibility push(hidden)
#include <sqlite3ext.h>
#include <stddef.h>

static const sqlite3_api_routines *api = NULL;

// sqlite3ext.h turns every name into `sqlite3_api->name`; the forwarders need the names back.
#undef sqlite3_bind_blob
#undef sqlite3_bind_double
#undef sqlite3_bind_int64
#undef sqlite3_bind_null
#undef sqlite3_bind_pointer
#undef sqlite3_bind_text
#undef sqlite3_busy_timeout
#undef sqlite3_changes
#undef sqlite3_clear_bindings
#undef sqlite3_close
#undef sqlite3_close_v2
#undef sqlite3_column_blob
#undef sqlite3_column_bytes
#undef sqlite3_column_double
#undef sqlite3_column_int64
#undef sqlite3_column_text
#undef sqlite3_column_type
#undef sqlite3_errmsg
#undef sqlite3_exec
#undef sqlite3_extended_result_codes
#undef sqlite3_finalize
#undef sqlite3_free
#undef sqlite3_last_insert_rowid
#undef sqlite3_open_v2
#undef sqlite3_prepare_v3
#undef sqlite3_reset
#undef sqlite3_result_double
#undef sqlite3_result_error
#undef sqlite3_result_error_code
#undef sqlite3_result_null
#undef sqlite3_step
#undef sqlite3_value_pointer
#undef sqlite3_value_text
#undef sqlite3_create_function_v2
#undef sqlite3_create_module_v2
#undef sqlite3_declare_vtab
#undef sqlite3_result_text
#undef sqlite3_result_int64
#undef sqlite3_value_type
#undef sqlite3_value_int64
#undef sqlite3_value_bytes
#undef sqlite3_malloc64
#undef sqlite3_db_filename
#undef sqlite3_result_error_nomem
#undef sqlite3_libversion_number
#undef sqlite3_next_stmt
#undef sqlite3_stmt_busy
#undef sqlite3_errstr
#undef sqlite3_sql

int sqlite3_bind_blob(sqlite3_stmt *s, int i, const void *v, int n, void (*d)(void *)) { return api->bind_blob(s, i, v, n, d); }
int sqlite3_bind_double(sqlite3_stmt *s, int i, double v) { return api->bind_double(s, i, v); }
int sqlite3_bind_int64(sqlite3_stmt *s, int i, sqlite3_int64 v) { return api->bind_int64(s, i, v); }
int sqlite3_bind_null(sqlite3_stmt *s, int i) { return api->bind_null(s, i); }
int sqlite3_bind_pointer(sqlite3_stmt *s, int i, void *p, const char *t, void (*d)(void *)) { return api->bind_pointer(s, i, p, t, d); }
int sqlite3_bind_text(sqlite3_stmt *s, int i, const char *v, int n, void (*d)(void *)) { return api->bind_text(s, i, v, n, d); }
int sqlite3_busy_timeout(sqlite3 *db, int ms) { return api->busy_timeout(db, ms); }
int sqlite3_changes(sqlite3 *db) { return api->changes(db); }
int sqlite3_clear_bindings(sqlite3_stmt *s) { return api->clear_bindings(s); }
int sqlite3_close(sqlite3 *db) { return api->close(db); }
int sqlite3_close_v2(sqlite3 *db) { return api->close_v2(db); }
const void *sqlite3_column_blob(sqlite3_stmt *s, int i) { return api->column_blob(s, i); }
int sqlite3_column_bytes(sqlite3_stmt *s, int i) { return api->column_bytes(s, i); }
double sqlite3_column_double(sqlite3_stmt *s, int i) { return api->column_double(s, i); }
sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *s, int i) { return api->column_int64(s, i); }
const unsigned char *sqlite3_column_text(sqlite3_stmt *s, int i) { return api->column_text(s, i); }
int sqlite3_column_type(sqlite3_stmt *s, int i) { return api->column_type(s, i); }
const char *sqlite3_errmsg(sqlite3 *db) { return api->errmsg(db); }
int sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg, char **err) { return api->exec(db, sql, cb, arg, err); }
int sqlite3_extended_result_codes(sqlite3 *db, int on) { return api->extended_result_codes(db, on); }
int sqlite3_finalize(sqlite3_stmt *s) { return api->finalize(s); }
void sqlite3_free(void *p) { api->free(p); }
sqlite3_int64 sqlite3_last_insert_rowid(sqlite3 *db) { return api->last_insert_rowid(db); }
int sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs) { return api->open_v2(path, db, flags, vfs); }
int sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned int flags, sqlite3_stmt **s, const char **tail) { return api->prepare_v3(db, sql, n, flags, s, tail); }
int sqlite3_reset(sqlite3_stmt *s) { return api->reset(s); }
void sqlite3_result_double(sqlite3_context *c, double v) { api->result_double(c, v); }
void sqlite3_result_error(sqlite3_context *c, const char *m, int n) { api->result_error(c, m, n); }
void sqlite3_result_error_code(sqlite3_context *c, int code) { api->result_error_code(c, code); }
void sqlite3_result_null(sqlite3_context *c) { api->result_null(c); }
int sqlite3_step(sqlite3_stmt *s) { return api->step(s); }
void *sqlite3_value_pointer(sqlite3_value *v, const char *t) { return api->value_pointer(v, t); }
const unsigned char *sqlite3_value_text(sqlite3_value *v) { return api->value_text(v); }
int sqlite3_create_function_v2(sqlite3 *db, const char *name, int n, int enc, void *app,
                               void (*f)(sqlite3_context *, int, sqlite3_value **),
                               void (*step)(sqlite3_context *, int, sqlite3_value **),
                               void (*final)(sqlite3_context *), void (*destroy)(void *)) {
  return api->create_function_v2(db, name, n, enc, app, f, step, final, destroy);
}
int sqlite3_create_module_v2(sqlite3 *db, const char *name, const sqlite3_module *m, void *app, void (*destroy)(void *)) {
  return api->create_module_v2(db, name, m, app, destroy);
}
int sqlite3_declare_vtab(sqlite3 *db, const char *sql) { return api->declare_vtab(db, sql); }
void sqlite3_result_text(sqlite3_context *c, const char *v, int n, void (*d)(void *)) { api->result_text(c, v, n, d); }
void sqlite3_result_int64(sqlite3_context *c, sqlite3_int64 v) { api->result_int64(c, v); }
int sqlite3_value_type(sqlite3_value *v) { return api->value_type(v); }
sqlite3_int64 sqlite3_value_int64(sqlite3_value *v) { return api->value_int64(v); }
int sqlite3_value_bytes(sqlite3_value *v) { return api->value_bytes(v); }
void *sqlite3_malloc64(sqlite3_uint64 n) { return api->malloc64(n); }
const char *sqlite3_db_filename(sqlite3 *db, const char *name) { return api->db_filename(db, name); }
void sqlite3_result_error_nomem(sqlite3_context *c) { api->result_error_nomem(c); }
int sqlite3_libversion_number(void) { return api->libversion_number(); }
sqlite3_stmt *sqlite3_next_stmt(sqlite3 *db, sqlite3_stmt *s) { return api->next_stmt(db, s); }
int sqlite3_stmt_busy(sqlite3_stmt *s) { return api->stmt_busy(s); }
const char *sqlite3_errstr(int rc) { return api->errstr(rc); }
const char *sqlite3_sql(sqlite3_stmt *s) { return api->sql(s); }

#pragma GCC visibility pop

/// Registers everything on `db` (Swift: `VietSearchSQLite/Extension.swift`).
extern int vietsearch_extension_register(sqlite3 *db, char **error) __attribute__((visibility("hidden")));

__attribute__((visibility("default")))
int sqlite3_vietsearchsqlite_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines) {
  api = routines;
  if (api->libversion_number() < 3038000) {
    // bind_pointer, prepare_v3 and the rest need a recent SQLite; say so instead of crashing.
    if (error) {
      static const char message[] = "VietSearch needs SQLite 3.38 or later";
      *error = api->malloc64(sizeof message);
      if (*error) { for (size_t i = 0; i < sizeof message; i++) (*error)[i] = message[i]; }
    }
    return SQLITE_ERROR;
  }
  return vietsearch_extension_register(db, error);
}
