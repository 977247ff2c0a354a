//! The logical structure of a report, for tagged PDF: what each piece of drawn content
//! is (a heading, a paragraph, a table cell, a figure…) and the order to read it in.
//!
//! Layout adds a node per block (and per list item, row, cell…) in block order, so the
//! reading order is the order of the blocks, whatever the pages look like. Drawn items
//! name their node; content that belongs to no node (rules, fills, footers, the repeated
//! table headers) is marked as an artifact instead. Once drawn, the nodes and the
//! marked content become krilla's tag tree.

use std::num::NonZeroU16;

use krilla::tagging::{
    Identifier, ListNumbering, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};

pub(crate) type NodeId = usize;

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// The cover's title.
    Title,
    Heading {
        level: u8,
        text: String,
    },
    Paragraph,
    List,
    ListItem,
    /// A list item's bullet.
    Label,
    ListBody,
    Table,
    Row,
    HeaderCell,
    Cell,
    Figure {
        alt: String,
    },
    /// A persona card: its photo, title and fields.
    Section,
    Contents,
    ContentsEntry,
}

struct Node {
    kind: Kind,
    children: Vec<NodeId>,
}

#[derive(Default)]
pub(crate) struct Structure {
    nodes: Vec<Node>,
    roots: Vec<NodeId>,
}

impl Structure {
    /// Adds a node as the last child of `parent`, or of the document.
    pub fn add(&mut self, parent: Option<NodeId>, kind: Kind) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            children: Vec::new(),
        });
        match parent {
            Some(parent) => self.nodes[parent].children.push(id),
            None => self.roots.push(id),
        }
        id
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The tag tree, given the marked content drawn for each node, in drawing order.
    /// Nodes that got no content at all are left out.
    pub fn tag_tree(&self, mut content: Vec<Vec<Identifier>>, language: Option<String>) -> TagTree {
        let mut tree = TagTree::new().with_lang(language);
        for &root in &self.roots {
            if let Some(group) = self.group(root, &mut content) {
                tree.push(group);
            }
        }
        tree
    }

    fn group(&self, id: NodeId, content: &mut [Vec<Identifier>]) -> Option<TagGroup> {
        let node = &self.nodes[id];
        let mut group = TagGroup::new(tag(&node.kind));
        let mut empty = true;
        for &child in &node.children {
            if let Some(child) = self.group(child, content) {
                group.push(child);
                empty = false;
            }
        }
        for identifier in std::mem::take(&mut content[id]) {
            group.push(identifier);
            empty = false;
        }
        (!empty).then_some(group)
    }
}

fn tag(kind: &Kind) -> TagKind {
    match kind {
        Kind::Title => Tag::Title.into(),
        Kind::Heading { level, text } => {
            let level = NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(text.clone())).into()
        }
        Kind::Paragraph => Tag::P.into(),
        Kind::List => Tag::L(ListNumbering::Disc).into(),
        Kind::ListItem => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::ListBody => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        Kind::Section => Tag::Section.into(),
        Kind::Contents => Tag::TOC.into(),
        Kind::ContentsEntry => Tag::TOCI.into(),
    }
}
