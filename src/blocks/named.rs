//! A YAML mapping read into a list that keeps the author's order, for role-play
//! nodes and endings: checks report in the order the trainer wrote, and the data
//! the browser gets lists nodes as written.

use crate::core::yaml::At;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Each name keeps where it was written, for checks that point at it.
#[derive(Clone, Debug, PartialEq)]
pub struct Named<T>(pub Vec<(At<String>, T)>);

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named(Vec::new())
    }
}

impl<T> Named<T> {
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, v)| v)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// The name as written, with its position.
    pub fn key(&self, name: &str) -> Option<&At<String>> {
        self.0
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(n, _)| n)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k.as_str(), v)?;
        }
        m.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from names to their definitions, e.g. `open: {say: ..., choices: [...]}`")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Named::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(At<String>, T)> = Vec::new();
                while let Some(key) = map.next_key::<At<String>>()? {
                    if out.iter().any(|(k, _)| k.as_str() == key.as_str()) {
                        return Err(serde::de::Error::custom(format!(
                            "`{}` is defined twice",
                            key.as_str()
                        )));
                    }
                    let value = map.next_value::<T>()?;
                    out.push((key, value));
                }
                Ok(Named(out))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Points per name (a reply's skills, an option's categories), each name with where
/// it is written; serialized sorted by name, as the browser and saved hashes expect.
#[derive(Clone, Debug, Default, serde::Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Points(pub Named<At<i64>>);

impl Points {
    pub fn get(&self, name: &str) -> Option<i64> {
        self.0.get(name).map(|p| p.value)
    }

    pub fn sorted(&self) -> std::collections::BTreeMap<&str, i64> {
        self.0.iter().map(|(k, v)| (k, v.value)).collect()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&At<String>, &At<i64>)> {
        self.0 .0.iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.sorted().serialize(s)
    }
}
