//! Random operations built from the real schema (`schema/schema.graphql`):
//! any Query or Mutation field, with arguments that are sometimes right,
//! sometimes of the wrong type, out of range, oversized or oddly encoded,
//! passed inline or as variables.

use std::collections::HashMap;

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::{Map, Value, json};

#[derive(Clone)]
pub struct Field {
    name: String,
    args: Vec<(String, Type)>,
    ty: Type,
}

enum Def {
    Object(Vec<Field>),
    Input(Vec<(String, Type)>),
    Enum(Vec<String>),
    Union,
    Scalar,
}

pub struct Schema {
    defs: HashMap<String, Def>,
}

/// A generated argument value, rendered either as a GraphQL literal or as JSON.
enum Lit {
    Int(String),
    Float(String),
    Str(String),
    Bool(bool),
    Null,
    Enum(String),
    List(Vec<Lit>),
    Obj(Vec<(String, Lit)>),
}

impl Lit {
    fn graphql(&self) -> String {
        match self {
            Lit::Int(n) | Lit::Float(n) => n.clone(),
            Lit::Str(s) => serde_json::to_string(s).unwrap(),
            Lit::Bool(b) => b.to_string(),
            Lit::Null => "null".into(),
            Lit::Enum(e) => e.clone(),
            Lit::List(items) => format!("[{}]", items.iter().map(Lit::graphql).collect::<Vec<_>>().join(", ")),
            Lit::Obj(fields) => format!(
                "{{{}}}",
                fields
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.graphql()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn json(&self) -> Value {
        match self {
            Lit::Int(n) | Lit::Float(n) => serde_json::from_str(n).unwrap_or(Value::Null),
            Lit::Str(s) | Lit::Enum(s) => json!(s),
            Lit::Bool(b) => json!(b),
            Lit::Null => Value::Null,
            Lit::List(items) => Value::Array(items.iter().map(Lit::json).collect()),
            Lit::Obj(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), v.json())).collect::<Map<_, _>>()),
        }
    }
}

fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

/// Text a client might send: Vietnamese in NFC and NFD, empty, blank, huge,
/// control and bidi characters, markup, SQL, dates that do not exist.
pub fn random_text(rng: &mut StdRng) -> String {
    match rng.random_range(0..16) {
        0 => String::new(),
        1 => "   ".into(),
        2 => "Hợp tác xã Chè Shan tuyết".into(),
        // The same words decomposed (NFD): base letters plus combining marks.
        3 => "Ho\u{031b}\u{0323}p ta\u{0301}c xa\u{0303} Che\u{0300}".into(),
        4 => "a".repeat(rng.random_range(200..60_000)),
        5 => "😀🌾\u{202e}\u{200b}".into(),
        6 => "<script>alert(1)</script>".into(),
        7 => "'; DROP TABLE products; --".into(),
        8 => "nul\u{0}byte".into(),
        9 => "dung@example.vn".into(),
        10 => "0912345678".into(),
        11 => "2026-02-30T25:61:00Z".into(),
        12 => "2026-11-23".into(),
        13 => "%_\\".into(),
        14 => "1e309".into(),
        _ => (0..rng.random_range(0..30))
            .map(|_| rng.random_range(b' '..=b'~') as char)
            .collect(),
    }
}

fn random_int(rng: &mut StdRng) -> String {
    let pool = [
        "0",
        "1",
        "-1",
        "100",
        "101",
        "2147483647",
        "-2147483648",
        "2147483648",
        "9223372036854775808",
        "-99999999999999999999",
    ];
    if rng.random_bool(0.3) {
        rng.random_range(-1000..1000).to_string()
    } else {
        (*pool.choose(rng).unwrap()).into()
    }
}

impl Field {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Schema {
    pub fn load() -> Schema {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/schema.graphql");
        let sdl = std::fs::read_to_string(path).expect("read schema/schema.graphql");
        let doc = async_graphql::parser::parse_schema(&sdl).expect("parse the SDL");
        let mut defs = HashMap::new();
        for definition in doc.definitions {
            let TypeSystemDefinition::Type(def) = definition else {
                continue;
            };
            let def = def.node;
            let fields_of = |fields: &[async_graphql::Positioned<async_graphql::parser::types::FieldDefinition>]| {
                fields
                    .iter()
                    .map(|f| Field {
                        name: f.node.name.node.to_string(),
                        args: f
                            .node
                            .arguments
                            .iter()
                            .map(|a| (a.node.name.node.to_string(), a.node.ty.node.clone()))
                            .collect(),
                        ty: f.node.ty.node.clone(),
                    })
                    .collect()
            };
            let kind = match &def.kind {
                TypeKind::Object(o) => Def::Object(fields_of(&o.fields)),
                TypeKind::Interface(i) => Def::Object(fields_of(&i.fields)),
                TypeKind::InputObject(i) => Def::Input(
                    i.fields
                        .iter()
                        .map(|f| (f.node.name.node.to_string(), f.node.ty.node.clone()))
                        .collect(),
                ),
                TypeKind::Enum(e) => Def::Enum(e.values.iter().map(|v| v.node.value.node.to_string()).collect()),
                TypeKind::Union(_) => Def::Union,
                TypeKind::Scalar => Def::Scalar,
            };
            defs.insert(def.name.node.to_string(), kind);
        }
        Schema { defs }
    }

    pub fn root_fields(&self, root: &str) -> Vec<Field> {
        match self.defs.get(root) {
            Some(Def::Object(fields)) => fields.clone(),
            _ => panic!("schema has no {root} type"),
        }
    }

    /// One random operation on `root`'s field: (query, variables, field name).
    pub fn operation(&self, rng: &mut StdRng, keyword: &str, field: &Field) -> (String, Value, String) {
        let use_variables = rng.random_bool(0.4);
        let mut declarations = Vec::new();
        let mut variables = Map::new();
        let mut args = Vec::new();
        for (name, ty) in &field.args {
            if ty.nullable && rng.random_bool(0.3) {
                continue;
            }
            let value = self.value(rng, ty, 0);
            if use_variables {
                declarations.push(format!("${name}: {ty}"));
                variables.insert(name.clone(), value.json());
                args.push(format!("{name}: ${name}"));
            } else {
                args.push(format!("{name}: {}", value.graphql()));
            }
        }
        let head = if declarations.is_empty() {
            keyword.to_owned()
        } else {
            format!("{keyword}({})", declarations.join(", "))
        };
        let args = if args.is_empty() {
            String::new()
        } else {
            format!("({})", args.join(", "))
        };
        let selection = self.selection(rng, named(&field.ty), 0);
        let query = format!("{head} {{ {}{args} {selection} }}", field.name);
        (query, Value::Object(variables), field.name.clone())
    }

    fn selection(&self, rng: &mut StdRng, type_name: &str, depth: usize) -> String {
        let fields = match self.defs.get(type_name) {
            Some(Def::Object(fields)) => fields,
            Some(Def::Union) => return "{ __typename }".into(),
            _ => return String::new(),
        };
        let mut picked = vec!["__typename".to_owned()];
        for field in fields {
            let needs_args = field.args.iter().any(|(_, ty)| !ty.nullable);
            if needs_args || !(field.name == "errors" || rng.random_bool(0.3)) {
                continue;
            }
            let inner = named(&field.ty);
            let leaf = !matches!(self.defs.get(inner), Some(Def::Object(_) | Def::Union));
            if leaf {
                picked.push(field.name.clone());
            } else if depth < 3 {
                picked.push(format!("{} {}", field.name, self.selection(rng, inner, depth + 1)));
            }
        }
        format!("{{ {} }}", picked.join(" "))
    }

    fn value(&self, rng: &mut StdRng, ty: &Type, depth: usize) -> Lit {
        if rng.random_bool(0.06) {
            // The wrong kind of value altogether.
            return match rng.random_range(0..7) {
                0 => Lit::Str("x".into()),
                1 => Lit::Int("123".into()),
                2 => Lit::Null,
                3 => Lit::List(vec![Lit::Int("1".into())]),
                4 => Lit::Obj(vec![("nope".into(), Lit::Int("1".into()))]),
                5 => Lit::Enum("NOT_A_VALUE".into()),
                _ => Lit::Float("1.5".into()),
            };
        }
        if ty.nullable && rng.random_bool(0.1) {
            return Lit::Null;
        }
        match &ty.base {
            BaseType::List(inner) => {
                let n = if rng.random_bool(0.05) {
                    500
                } else {
                    rng.random_range(0..4)
                };
                Lit::List((0..n).map(|_| self.value(rng, inner, depth + 1)).collect())
            }
            BaseType::Named(name) => match name.as_str() {
                "Int" => Lit::Int(random_int(rng)),
                "Float" => Lit::Float(
                    ["0.0", "-1.5", "1e308", "21.0285", "105.8542"]
                        .choose(rng)
                        .unwrap()
                        .to_string(),
                ),
                "Boolean" => Lit::Bool(rng.random_bool(0.5)),
                "ID" => Lit::Str(
                    [
                        "1",
                        "2",
                        "0",
                        "-1",
                        "abc",
                        "UHJvZHVjZXI6MQ==",
                        "99999999999999999999",
                        "",
                    ]
                    .choose(rng)
                    .unwrap()
                    .to_string(),
                ),
                "Upload" => Lit::Null,
                other => match self.defs.get(other) {
                    Some(Def::Enum(values)) => Lit::Enum(values.choose(rng).unwrap().clone()),
                    Some(Def::Input(fields)) if depth < 4 => {
                        let mut object = Vec::new();
                        for (k, t) in fields {
                            if !t.nullable || rng.random_bool(0.6) {
                                object.push((k.clone(), self.value(rng, t, depth + 1)));
                            }
                        }
                        Lit::Obj(object)
                    }
                    Some(Def::Input(_)) => Lit::Null,
                    _ => Lit::Str(random_text(rng)),
                },
            },
        }
    }
}
