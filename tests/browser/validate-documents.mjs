// Validates every GraphQL document the web UI can send against
// schema/schema.graphql, without a browser or a server, so that a schema
// change which would break a page fails the test suite instead of a user.
//
// The documents are found statically: every frontend/assets/**/*.js is parsed
// as an ES module (acorn); a document is the first argument of a `gql(...)`
// call or any string/template literal that opens with `query`, `mutation` or
// `subscription` (uploadFile's multipart query, the API console's examples).
// Interpolations are evaluated by a small interpreter: module constants (also
// imported ones), `cond ? a : b`, `.map(fn).join(sep)`, and the arguments of
// every in-module call of the function that sends the document (fair-manage's
// `decide(cell, name, "rejectApplication", { id, reason })`). A runtime value
// that cannot be known statically (an id in an alias) must have a
// representative value in REPRESENTATIVE below; an unknown one fails the run,
// so no document is silently skipped.
//
// Usage: node tests/browser/validate-documents.mjs [--schema PATH] [--min N] [--list]
// (--list prints every document found, one a line).
// Exit code 0 when all documents are valid and at least N (default 30) were
// found; 1 otherwise, with file:line and graphql-js's message per problem.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as acorn from "acorn";
import * as walk from "acorn-walk";
import { buildSchema, parse, validate } from "graphql";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ASSETS = join(ROOT, "frontend/assets");

/**
 * Runtime values interpolated into documents, by file and the interpolated
 * expression's source text: a value of the kind the page really puts there.
 */
const REPRESENTATIVE = {
  // organizerNames(): one aliased `organization(id: "…")` per organizing body.
  "pages/fairs.js": { "JSON.stringify(String(id))": '"00000000-0000-0000-0000-000000000001"', i: "0" },
  // The linkage KPI: one aliased `linkageKpi(provinceCode: N, …)` per province.
  "pages/organizer.js": { "Number(c)": "44" },
};

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const schemaPath = resolve(option("--schema", join(ROOT, "schema/schema.graphql")));
const minimum = Number(option("--min", "30"));
const schemaName = schemaPath.startsWith(`${ROOT}/`) ? relative(ROOT, schemaPath) : schemaPath;

// ---- values of the little interpreter ---------------------------------------

/** A value known to exist at run time but not statically (never `undefined`). */
const OPAQUE = { opaque: true };
const isOpaque = (v) => v === OPAQUE || (v && v.opaqueFrom);
/** An opaque value remembering its source, so an interpolation can name it. */
const opaqueFrom = (mod, node) => ({ opaqueFrom: true, mod, node });

class Unresolved extends Error {
  constructor(mod, node, message) {
    super(message);
    this.mod = mod;
    this.node = node;
  }
}

// ---- modules ----------------------------------------------------------------

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : [],
  );
}

const modules = new Map(); // absolute path → module

function loadModule(path) {
  const source = readFileSync(path, "utf8");
  const ast = acorn.parse(source, { ecmaVersion: "latest", sourceType: "module", locations: true });
  const mod = { path, name: relative(ASSETS, path), source, ast, consts: [], functions: [], imports: new Map(), exports: new Map() };
  // Every `const x = …` with the block it is visible in; functions by name.
  walk.ancestor(ast, {
    VariableDeclarator(node, _state, ancestors) {
      const declaration = ancestors[ancestors.length - 2];
      const scope = [...ancestors].reverse().find((a) => a !== node && a !== declaration && isScope(a)) || ast;
      if (node.id.type === "Identifier" && node.init) {
        mod.consts.push({ name: node.id.name, init: node.init, scope, constant: declaration.kind === "const" });
        if (/Function/.test(node.init.type)) mod.functions.push({ name: node.id.name, fn: node.init });
      }
    },
    FunctionDeclaration(node) {
      if (node.id) mod.functions.push({ name: node.id.name, fn: node });
    },
  });
  for (const statement of ast.body) {
    if (statement.type === "ImportDeclaration") {
      const from = resolve(dirname(path), statement.source.value);
      for (const s of statement.specifiers) {
        if (s.type === "ImportSpecifier") mod.imports.set(s.local.name, { from, name: s.imported.name });
      }
    }
    if (statement.type === "ExportNamedDeclaration" && statement.declaration?.type === "VariableDeclaration") {
      for (const d of statement.declaration.declarations) mod.exports.set(d.id.name, d.init);
    }
  }
  modules.set(path, mod);
  return mod;
}

const isScope = (n) => n.type === "Program" || n.type === "BlockStatement" || /Function/.test(n.type) || n.type === "ForStatement";
const lineOf = (mod, node) => node.loc.start.line;
const sourceOf = (mod, node) => mod.source.slice(node.start, node.end);

/** The innermost visible `const NAME` at `pos`, or null. */
function constAt(mod, name, pos) {
  let best = null;
  for (const c of mod.consts) {
    if (c.name !== name || !c.constant || pos < c.scope.start || pos >= c.scope.end) continue;
    if (!best || c.scope.end - c.scope.start < best.scope.end - best.scope.start) best = c;
  }
  return best;
}

/** The functions enclosing `node` (outermost first), from acorn-walk's ancestors. */
function enclosingFunctions(ancestors) {
  return ancestors.filter((a) => /Function/.test(a.type));
}

// ---- the interpreter -----------------------------------------------------------

/**
 * Evaluates `node` of `mod` to a list of possible values. `env` binds
 * parameter names of enclosing functions (from a call site) to thunks.
 */
function evaluate(mod, node, env, depth = 0) {
  if (depth > 40) throw new Unresolved(mod, node, "expression nests too deeply to evaluate");
  const ev = (n, e = env) => evaluate(mod, n, e, depth + 1);
  switch (node.type) {
    case "Literal":
      return [node.value];
    case "TemplateLiteral": {
      let results = [""];
      node.quasis.forEach((q, i) => {
        results = results.map((r) => r + q.value.cooked);
        const expr = node.expressions[i];
        if (!expr) return;
        const parts = ev(expr).map((v) => interpolate(mod, expr, v));
        results = results.flatMap((r) => parts.map((p) => r + p));
      });
      return unique(results);
    }
    case "Identifier":
      return lookup(mod, node, env, depth);
    case "ConditionalExpression": {
      const tests = ev(node.test);
      const out = [];
      if (tests.some((t) => isOpaque(t) || t)) out.push(...ev(node.consequent));
      if (tests.some((t) => isOpaque(t) || !t)) out.push(...ev(node.alternate));
      return unique(out);
    }
    case "BinaryExpression": {
      const [ls, rs] = [ev(node.left), ev(node.right)];
      return unique(ls.flatMap((l) => rs.map((r) => binary(node.operator, l, r))));
    }
    case "UnaryExpression":
      if (node.operator === "!") return ev(node.argument).map((v) => (isOpaque(v) ? OPAQUE : !v));
      return [opaqueFrom(mod, node)];
    case "ObjectExpression": {
      const props = {};
      for (const p of node.properties) {
        if (p.type !== "Property" || p.computed) return [opaqueFrom(mod, node)];
        props[p.key.name ?? p.key.value] = () => ev(p.value);
      }
      return [{ object: props }];
    }
    case "MemberExpression": {
      if (node.computed) return [opaqueFrom(mod, node)];
      return unique(
        ev(node.object).flatMap((o) => {
          if (o && o.object) return node.property.name in o.object ? o.object[node.property.name]() : [undefined];
          return [opaqueFrom(mod, node)];
        }),
      );
    }
    case "CallExpression":
      return call(mod, node, env, depth);
    case "AwaitExpression":
    case "ParenthesizedExpression":
      return ev(node.argument ?? node.expression);
    default:
      return [opaqueFrom(mod, node)];
  }
}

function binary(op, l, r) {
  if (op === "+") {
    if (isOpaque(l) || isOpaque(r)) return OPAQUE;
    return l + r;
  }
  if (op === "===" || op === "!==") {
    // An opaque value is never undefined: `vars.reason !== undefined` is known.
    let same;
    if (isOpaque(l) || isOpaque(r)) {
      if (l === undefined || r === undefined) same = false;
      else return OPAQUE;
    } else same = l === r;
    return op === "===" ? same : !same;
  }
  return OPAQUE;
}

/** `xs.map(fn).join(sep)`: `fn` applied once to a representative element. */
function call(mod, node, env, depth) {
  const callee = node.callee;
  if (callee.type === "MemberExpression" && !callee.computed) {
    const method = callee.property.name;
    if (method === "map" && node.arguments[0] && /Function/.test(node.arguments[0].type)) {
      const fn = node.arguments[0];
      const inner = { ...env };
      for (const p of fn.params) if (p.type === "Identifier") inner[p.name] = () => [opaqueFrom(mod, p)];
      const body = fn.body.type === "BlockStatement" ? null : fn.body;
      if (!body) return [opaqueFrom(mod, node)];
      return evaluate(mod, body, inner, depth + 1).map((v) => ({ list: [v] }));
    }
    if (method === "join") {
      const seps = node.arguments[0] ? evaluate(mod, node.arguments[0], env, depth + 1) : [","];
      return unique(
        evaluate(mod, callee.object, env, depth + 1).flatMap((list) =>
          list && list.list ? seps.map((s) => list.list.map((v) => interpolate(mod, callee.object, v)).join(s)) : [opaqueFrom(mod, node)],
        ),
      );
    }
  }
  return [opaqueFrom(mod, node)];
}

function lookup(mod, node, env, depth) {
  const name = node.name;
  if (name === "undefined") return [undefined];
  if (Object.hasOwn(env, name)) return env[name]();
  const local = constAt(mod, name, node.start);
  if (local) return evaluate(mod, local.init, env, depth + 1);
  const imported = mod.imports.get(name);
  if (imported) {
    const from = modules.get(imported.from) || loadModule(imported.from);
    const init = from.exports.get(imported.name);
    if (init) return evaluate(from, init, {}, depth + 1);
  }
  return [opaqueFrom(mod, node)];
}

/** A value as text inside a document; runtime values need a representative. */
function interpolate(mod, expr, value) {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  const text = sourceOf(mod, expr);
  const representative = REPRESENTATIVE[mod.name]?.[text];
  if (representative !== undefined) return representative;
  if (value && value.opaqueFrom) {
    const inner = sourceOf(value.mod, value.node);
    const known = REPRESENTATIVE[value.mod.name]?.[inner];
    if (known !== undefined) return known;
  }
  throw new Unresolved(mod, expr, `runtime value \`${text}\` in a GraphQL document: add a representative value to REPRESENTATIVE in tests/browser/validate-documents.mjs`);
}

function unique(values) {
  const seen = new Set();
  return values.filter((v) => {
    const key = typeof v === "string" ? `s:${v}` : v;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- finding the documents ------------------------------------------------------

// An operation keyword followed by a name, variables, a directive or the selection set.
const OPERATION = /^\s*(query|mutation|subscription)\b\s*[A-Za-z_($@{]/;

/**
 * Parameter bindings for a document inside functions that this module calls
 * by name: one environment per combination of call sites (none: one empty env).
 */
function environments(mod, ancestors) {
  let envs = [{}];
  for (const fn of enclosingFunctions(ancestors)) {
    const named = mod.functions.find((f) => f.fn === fn);
    if (!named) continue;
    const calls = [];
    walk.simple(mod.ast, {
      CallExpression(c) {
        if (c.callee.type === "Identifier" && c.callee.name === named.name) calls.push(c);
      },
    });
    if (!calls.length) continue;
    envs = envs.flatMap((env) =>
      calls.map((c) => {
        const bound = { ...env };
        fn.params.forEach((p, i) => {
          if (p.type === "Identifier") bound[p.name] = () => (c.arguments[i] ? evaluate(mod, c.arguments[i], {}) : [undefined]);
        });
        return bound;
      }),
    );
  }
  return envs;
}

/** Every document: { file, line, node, text } (one per distinct text of a site). */
function findDocuments(mod, problems) {
  const sites = new Map(); // the literal node a document starts from → its enclosing functions
  walk.ancestor(mod.ast, {
    CallExpression(node, _state, ancestors) {
      const callee = node.callee;
      const isGql = (callee.type === "Identifier" && callee.name === "gql") || (callee.type === "MemberExpression" && callee.property.name === "gql");
      if (!isGql || !node.arguments[0]) return;
      let arg = node.arguments[0];
      if (arg.type === "Identifier") {
        // gql(QUERY): the document is the constant's literal (found below if it opens with `query`).
        const c = constAt(mod, arg.name, arg.start);
        if (c && /Literal/.test(c.init.type)) {
          if (!sites.has(c.init)) sites.set(c.init, null);
          return;
        }
        if (mod.imports.has(arg.name)) return sites.set(arg, ancestors.slice(0, -1));
      }
      if (!sites.has(arg)) sites.set(arg, ancestors.slice(0, -1));
    },
    Literal(node, _state, ancestors) {
      if (typeof node.value === "string" && OPERATION.test(node.value) && !sites.get(node)) sites.set(node, ancestors.slice(0, -1));
    },
    TemplateLiteral(node, _state, ancestors) {
      if (OPERATION.test(node.quasis[0].value.cooked) && !sites.get(node)) sites.set(node, ancestors.slice(0, -1));
    },
  });
  const documents = [];
  for (const [node, ancestors] of sites) {
    try {
      const texts = new Set();
      for (const env of environments(mod, ancestors || [])) {
        for (const v of evaluate(mod, node, env)) {
          if (typeof v !== "string") throw new Unresolved(mod, node, "the document is not a string known before run time");
          texts.add(v);
        }
      }
      for (const text of texts) documents.push({ mod, node, text });
    } catch (error) {
      if (!(error instanceof Unresolved)) throw error;
      problems.push(`frontend/assets/${error.mod.name}:${lineOf(error.mod, error.node)}: ${error.message}`);
    }
  }
  return documents;
}

// ---- main -------------------------------------------------------------------------

const schema = buildSchema(readFileSync(schemaPath, "utf8"));
const problems = [];
const documents = [];
for (const path of jsFiles(ASSETS).sort()) {
  const mod = modules.get(path) || loadModule(path);
  documents.push(...findDocuments(mod, problems));
}
for (const d of documents) {
  // A multi-line template's lines are the file's lines; "\n" escapes are not.
  const multiLine = sourceOf(d.mod, d.node).includes("\n");
  const where = (loc) => `frontend/assets/${d.mod.name}:${lineOf(d.mod, d.node) + (loc && multiLine ? loc.line - 1 : 0)}`;
  let ast;
  try {
    ast = parse(d.text);
  } catch (error) {
    problems.push(`${where(error.locations?.[0])}: ${error.message}\n    ${d.text.replace(/\s+/g, " ")}`);
    continue;
  }
  for (const error of validate(schema, ast)) {
    problems.push(`${where(error.locations?.[0])}: ${error.message}\n    ${d.text.replace(/\s+/g, " ").slice(0, 300)}`);
  }
}
if (documents.length < minimum) {
  problems.push(`found only ${documents.length} GraphQL documents in frontend/assets (expected at least ${minimum}): is the extraction still finding gql(...) calls?`);
}
if (args.includes("--list")) {
  for (const d of documents) console.log(`frontend/assets/${d.mod.name}:${lineOf(d.mod, d.node)}: ${d.text.replace(/\s+/g, " ")}`);
}
const files = new Set(documents.map((d) => d.mod.name)).size;
if (problems.length) {
  console.error(`${problems.length} problem(s) in the web UI's GraphQL documents (schema ${schemaName}):`);
  for (const p of problems) console.error(`  ${p}`);
  console.error(`validated ${documents.length} documents from ${files} files`);
  process.exit(1);
}
console.log(`validated ${documents.length} GraphQL documents from ${files} files of frontend/assets against ${schemaName}: all valid`);
