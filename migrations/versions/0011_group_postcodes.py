"""group areas as postcodes: group_postcodes replaces the free-text groups.area

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 22:00:00
"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# The postcodes that a free-text area already named are kept; other words cannot be matched.
POSTCODE = re.compile(r"\b([1-9][0-9]{3})\s?([A-Z]{2})?\b")


def upgrade() -> None:
    op.create_table('group_postcodes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('pc4', sa.Integer(), nullable=False),
    sa.Column('letters', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_group_postcodes_group_id_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_postcodes')),
    sa.UniqueConstraint('group_id', 'pc4', 'letters', name=op.f('uq_group_postcodes_group_id'))
    )
    with op.batch_alter_table('group_postcodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_postcodes_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_postcodes_pc4'), ['pc4'], unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, area FROM groups WHERE area IS NOT NULL")).all()
    for group_id, area in rows:
        found = {(int(pc4), letters or "") for pc4, letters in POSTCODE.findall(area.upper())}
        for pc4, letters in sorted(found):
            bind.execute(sa.text("INSERT INTO group_postcodes (group_id, pc4, letters) VALUES (:g, :p, :l)"),
                         {"g": group_id, "p": pc4, "l": letters})
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_column('area')


def downgrade() -> None:
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area', sa.String(length=120), nullable=True))
    bind = op.get_bind()
    areas: dict[int, list[str]] = {}
    for group_id, pc4, letters in bind.execute(
        sa.text("SELECT group_id, pc4, letters FROM group_postcodes ORDER BY pc4, letters")
    ):
        areas.setdefault(group_id, []).append(f"{pc4}{letters}")
    for group_id, codes in areas.items():
        bind.execute(sa.text("UPDATE groups SET area = :a WHERE id = :g"), {"a": ", ".join(codes)[:120], "g": group_id})
    with op.batch_alter_table('group_postcodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_postcodes_pc4'))
        batch_op.drop_index(batch_op.f('ix_group_postcodes_group_id'))
    op.drop_table('group_postcodes')
