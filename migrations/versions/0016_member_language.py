"""the member's language: what the line says and texts to them is in it (nl, en, tr)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 06:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=2), server_default='nl', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('language')
