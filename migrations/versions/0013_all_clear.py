"""the all-clear: who closed an alert, and when

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 04:00:00
"""
from alembic import op
import sqlalchemy as sa



revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_alerts_closed_by_members'), 'members', ['closed_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_alerts_closed_by_members'), type_='foreignkey')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('closed_by')
