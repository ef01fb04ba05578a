create table issuance (
    member_id integer not null references member(id),
    epoch text not null check (epoch glob '[0-9][0-9][0-9][0-9]-q[1-4]'),
    primary key (member_id, epoch)
) without rowid;
create table member (
    id integer primary key,
    label text not null unique check (length(label) between 1 and 100),
    token_hash text not null unique check (length(token_hash) = 64),
    revoked integer not null default 0 check (revoked in (0, 1))
);
create table release (
    period text primary key check (period glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    document text not null
) without rowid;
create table release_marking (
    period text primary key references release(period),
    tlp text not null check (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red'))
) without rowid;
create table report (
    period text not null check (period glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    id text not null check (length(id) = 32),
    receipt text not null,
    pseudonym text not null check (length(pseudonym) = 64),
    epoch text not null check (epoch glob '[0-9][0-9][0-9][0-9]-q[1-4]'),
    sector text not null,
    size text not null,
    region text not null,
    actor_kind text not null,
    actor_motive text,
    discovery text,
    dwell text,
    containment text,
    loss text,
    downtime text,
    actions text not null,
    techniques text not null,
    assets text not null,
    attributes text not null,
    mitigations text not null,
    share_narrative integer not null check (share_narrative in (0, 1)),
    narrative text,
    primary key (period, id)
) without rowid;
